import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { isOurKernel } from './kernel-utils.js';
import { liveCounts, onBothBackends, randomTensor, worstError } from './testing.js';
import { swapsLastTwo } from './transpose.js';

describe('Transpose on wasm', () => {
  it('is our kernel, and knows which permutations it takes', () => {
    expect(isOurKernel('Transpose')).toBe(true);
    expect(swapsLastTwo([1, 0])).toBe(true);
    expect(swapsLastTwo([0, 2, 1])).toBe(true);
    expect(swapsLastTwo([0, 1, 3, 2])).toBe(true);
    expect(swapsLastTwo([0, 1])).toBe(false);
    expect(swapsLastTwo([2, 1, 0])).toBe(false);
    expect(swapsLastTwo([1, 0, 2])).toBe(false);
  });

  it('matches cpu exactly for matrices, batches, vectors and other permutations', async () => {
    const cases: [number[], number[]][] = [
      [
        [1, 1],
        [1, 0],
      ],
      [
        [3, 5],
        [1, 0],
      ],
      [
        [17, 33],
        [1, 0],
      ],
      [
        [512, 400],
        [1, 0],
      ],
      [
        [1, 9],
        [1, 0],
      ],
      [
        [9, 1],
        [1, 0],
      ],
      [
        [2, 3, 19, 21],
        [0, 1, 3, 2],
      ],
      [
        [4, 1, 7],
        [0, 2, 1],
      ],
      [
        [4, 5, 6],
        [2, 0, 1],
      ],
      [
        [4, 5, 6],
        [1, 0, 2],
      ],
    ];
    let seed = 1;
    for (const [shape, perm] of cases) {
      const s = seed++;
      const result = await onBothBackends(() => tf.transpose(randomTensor(shape, s), perm));
      expect(worstError(result), `shape [${shape}] perm [${perm}]`).toBe(0);
    }
  });

  it('transposes int32 tensors through the original kernel', () => {
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32');
    const y = tf.transpose(x);
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.dataSync())).toEqual([1, 4, 2, 5, 3, 6]);
    tf.dispose([x, y]);
  });

  it('leaves tensors and data ids flat', () => {
    const x = tf.ones([64, 48]);
    const v = tf.ones([64, 1]);
    tf.dispose(tf.tidy(() => [tf.transpose(x), tf.transpose(v)]));
    const before = liveCounts();
    for (let i = 0; i < 20; i++) tf.dispose(tf.tidy(() => [tf.transpose(x), tf.transpose(v)]));
    expect(liveCounts()).toEqual(before);
    tf.dispose([x, v]);
  });
});
