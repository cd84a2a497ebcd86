import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend.js';
import { concatColumns, gatherRows } from './rows.js';

describe.each(['wasm', 'cpu'] as const)('row copies on %s', (backend) => {
  it('gathers rows and joins columns like tf.gather and tf.concat', async () => {
    await selectBackend(backend, { quiet: true });
    try {
      const a = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);
      const b = tf.tensor2d([7, 8, 9], [3, 1]);
      const g = gatherRows(a, Int32Array.from([2, 0, 2, 1]));
      expect(g.shape).toEqual([4, 2]);
      expect(Array.from(g.dataSync())).toEqual([5, 6, 1, 2, 5, 6, 3, 4]);
      const c = concatColumns(a, b);
      expect(c.shape).toEqual([3, 3]);
      expect(Array.from(c.dataSync())).toEqual([1, 2, 7, 3, 4, 8, 5, 6, 9]);
      const before = tf.memory().numTensors;
      tf.dispose([gatherRows(a, Int32Array.from([0])), concatColumns(b, a)]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([a, b, g, c]);
    } finally {
      await selectBackend('wasm', { quiet: true });
    }
  });

  it('rejects out-of-range rows and mismatched row counts', async () => {
    await selectBackend(backend, { quiet: true });
    try {
      const a = tf.zeros([3, 2]) as tf.Tensor2D;
      const b = tf.zeros([2, 2]) as tf.Tensor2D;
      expect(() => gatherRows(a, Int32Array.from([3]))).toThrow(/row index 3 is outside \[0, 3\)/);
      expect(() => concatColumns(a, b)).toThrow(/row counts differ: 3 and 2/);
      tf.dispose([a, b]);
    } finally {
      await selectBackend('wasm', { quiet: true });
    }
  });
});
