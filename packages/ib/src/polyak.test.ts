import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { PolyakAverage } from './polyak.js';

describe('PolyakAverage', () => {
  it('averages exponentially and swaps the average in only while asked', async () => {
    const v = tf.variable(tf.tensor1d([0, 0]));
    const avg = new PolyakAverage([v], 0.5);
    v.assign(tf.tensor1d([4, 8]));
    avg.update(); // 0.5·0 + 0.5·4 = 2, 4
    v.assign(tf.tensor1d([4, 8]));
    avg.update(); // 3, 6
    const inside = await avg.withAveraged(() => Array.from(v.dataSync()));
    expect(inside).toEqual([3, 6]);
    expect(Array.from(v.dataSync())).toEqual([4, 8]);
    const before = tf.memory().numTensors;
    avg.update();
    await avg.withAveraged(() => {});
    expect(tf.memory().numTensors).toBe(before);
    avg.dispose();
    v.dispose();
  });
});
