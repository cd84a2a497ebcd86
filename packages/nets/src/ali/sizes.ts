import { assertArgument } from '@mine/core';
import { sameOutputSize } from '../dcgan/conv.js';

/**
 * Spatial sizes of the bidirectional networks for `size`-px images, coarsest first: three 'same'
 * stride-2 steps from the image down, e.g. 28 → [4, 7, 14, 28] (Tables 7-10).
 */
export function aliSizes(size: number): [number, number, number, number] {
  assertArgument(
    Number.isInteger(size) && size >= 8,
    'size',
    () => `must be an integer >= 8, got ${size}`,
  );
  const half = sameOutputSize(size, 2);
  const quarter = sameOutputSize(half, 2);
  return [sameOutputSize(quarter, 2), quarter, half, size];
}
