import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { isOurKernel } from './kernel-utils.js';
import { liveCounts, onBothBackends, randomTensor, worstError } from './testing.js';

describe('UnsortedSegmentSum on wasm', () => {
  it('is registered (tfjs-backend-wasm 4.22.0 has none)', () => {
    expect(isOurKernel('UnsortedSegmentSum')).toBe(true);
  });

  it.each([
    { shape: [7], ids: [0, 2, 2, 1, 0, 2, 1], numSegments: 3 },
    { shape: [6, 4], ids: [3, 0, 3, 3, -1, 5], numSegments: 4 },
    { shape: [5, 2, 3], ids: [1, 1, 0, 4, 2], numSegments: 6 },
  ])('matches cpu for x=[$shape] ids=$ids numSegments=$numSegments', async (c) => {
    const result = await onBothBackends(() =>
      tf.unsortedSegmentSum(
        randomTensor(c.shape, 1),
        tf.tensor(c.ids, undefined, 'int32'),
        c.numSegments,
      ),
    );
    expect(result.wasm.shapes).toEqual(result.cpu.shapes);
    expect(worstError(result)).toBeLessThanOrEqual(1e-6);
  });

  it('sums int32 exactly, keeping the dtype', () => {
    expect(tf.getBackend()).toBe('wasm');
    const y = tf.unsortedSegmentSum(
      tf.tensor1d([1, 2, 3, 4], 'int32'),
      tf.tensor1d([1, 0, 1, 1], 'int32'),
      2,
    );
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.dataSync())).toEqual([2, 8]);
    y.dispose();
  });

  it('leaks no tensors or wasm data', () => {
    const x = tf.randomNormal([8, 3]);
    const ids = tf.tensor1d([0, 1, 0, 1, 2, 2, 0, 1], 'int32');
    tf.unsortedSegmentSum(x, ids, 3).dispose();
    const before = liveCounts();
    for (let i = 0; i < 5; i++) tf.unsortedSegmentSum(x, ids, 3).dispose();
    expect(liveCounts()).toEqual(before);
    tf.dispose([x, ids]);
  });
});
