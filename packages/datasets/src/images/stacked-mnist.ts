import { assertArgument, createRng } from '@mine/core/base';
import { assertInteger } from '../internal/validate.js';
import { type ImageSet, imageSize } from './image-set.js';

/** Stacked MNIST: `ImageSet` with 3 channels whose label is the mode 100·r + 10·g + b. */
export interface StackedMnist extends ImageSet {
  /** The digit of each channel, [count, 3] row-major (red, green, blue). */
  readonly digits: Uint8Array;
}

export interface StackedMnistOptions {
  /** Images to build. Sec. 8.1.3 (after VEEGAN/PacGAN) uses 128,000. @default 128000 */
  count?: number;
  /** @default 0 */
  seed?: number;
}

/**
 * Stacked MNIST (Srivastava et al., 2017; Table 1): each image stacks three MNIST digits drawn
 * independently and uniformly from `mnist` as its red, green and blue channels, so it has one of
 * 1000 modes. Equal seeds give equal sets.
 */
export function stackedMnist(mnist: ImageSet, options: StackedMnistOptions = {}): StackedMnist {
  const { count = 128_000, seed = 0 } = options;
  assertInteger(count, 'count', 1);
  assertArgument(
    mnist.channels === 1 && mnist.classes === 10,
    'mnist',
    () =>
      `must be a one-channel set of 10 classes, got ${mnist.channels} channels, ${mnist.classes} classes`,
  );
  const rng = createRng(seed);
  const pixels = imageSize(mnist);
  const images = new Uint8Array(count * pixels * 3);
  const digits = new Uint8Array(count * 3);
  const labels = new Uint16Array(count);
  for (let i = 0; i < count; i++) {
    let mode = 0;
    for (let c = 0; c < 3; c++) {
      const source = rng.int(mnist.count);
      const digit = mnist.labels[source]!;
      digits[i * 3 + c] = digit;
      mode = 10 * mode + digit;
      const from = source * pixels;
      const to = i * pixels * 3 + c;
      for (let p = 0; p < pixels; p++) images[to + 3 * p] = mnist.images[from + p]!;
    }
    labels[i] = mode;
  }
  return {
    count,
    height: mnist.height,
    width: mnist.width,
    channels: 3,
    images,
    labels,
    classes: 1000,
    digits,
  };
}
