import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { isOurKernel } from './kernel-utils.js';
import { liveCounts, onBothBackends, randomTensor, worstError } from './testing.js';

describe('Sum on wasm', () => {
  it('is our kernel', () => {
    expect(isOurKernel('Sum')).toBe(true);
  });

  it('matches cpu over leading axes, other axes, keepDims and negative axes', async () => {
    const cases: [number[], number | number[], boolean][] = [
      [[512, 400], 0, false],
      [[512, 400], 0, true],
      [[7, 1], 0, false],
      [[1, 5], 0, false],
      [[6, 4, 5], [0, 1], false],
      [[6, 4, 5], [1, 0], true],
      [[6, 4, 5], 0, false],
      [[6, 4, 5], -3, true],
      [[6, 4, 5], 1, false],
      [[6, 4, 5], [0, 2], false],
      [[6, 4, 5], [0, 1, 2], false],
      [[9], 0, false],
      [[30, 20], 1, true],
    ];
    let seed = 1;
    for (const [shape, axis, keepDims] of cases) {
      const s = seed++;
      const result = await onBothBackends(() => tf.sum(randomTensor(shape, s), axis, keepDims));
      expect(worstError(result), `shape [${shape}] axis ${axis} keepDims ${keepDims}`).toBeLessThan(
        1e-5,
      );
    }
  });

  it('sums int32 and bool tensors through the original kernel', () => {
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32');
    const y = tf.sum(x, 0);
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.dataSync())).toEqual([9, 12]);
    tf.dispose([x, y]);
  });

  it('gives bias gradients and leaves tensors and data ids flat', () => {
    const x = tf.ones([64, 48]);
    const g = tf.grad((b: tf.Tensor) => tf.sum(tf.add(x, b)));
    const b = tf.zeros([48]);
    expect(Array.from(g(b).dataSync())).toEqual(new Array(48).fill(64));
    tf.tidy(() => tf.sum(x, 0)).dispose();
    const before = liveCounts();
    for (let i = 0; i < 20; i++) tf.tidy(() => tf.sum(x, 0, true)).dispose();
    expect(liveCounts()).toEqual(before);
    tf.dispose([x, b]);
  });
});
