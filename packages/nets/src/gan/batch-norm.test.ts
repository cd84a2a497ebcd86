import { createRng } from '@mine/core';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { batchNorm } from './batch-norm.js';

function normal(n: number, d: number, seed: number, shift = 0, scale = 1) {
  const rng = createRng(seed);
  const values = new Float32Array(n * d);
  for (let i = 0; i < values.length; i++) values[i] = shift + scale * rng.normal();
  return tf.tensor2d(values, [n, d]);
}

describe('batchNorm', () => {
  it('training mode normalises with batch statistics and moves the running averages', () => {
    const bn = batchNorm({ units: 3, momentum: 0.5 });
    const x = normal(256, 3, 1, 4, 3);
    const y = bn.apply(x, { training: true });
    const { mean, variance } = tf.moments(y, 0);
    for (const m of mean.dataSync()) expect(Math.abs(m)).toBeLessThan(1e-4);
    for (const v of variance.dataSync()) expect(v).toBeCloseTo(1, 3);
    const batch = tf.moments(x, 0);
    const [runningMean, runningVariance] = bn.statistics;
    const bm = batch.mean.dataSync();
    const bv = batch.variance.dataSync();
    runningMean.dataSync().forEach((m, i) => {
      expect(m).toBeCloseTo(0.5 * bm[i]!, 4);
    });
    runningVariance.dataSync().forEach((v, i) => {
      expect(v).toBeCloseTo(0.5 + 0.5 * bv[i]!, 3);
    });
    tf.dispose([x, y, mean, variance, batch.mean, batch.variance]);
    bn.dispose();
  });

  it('eval mode uses the running averages and leaves them alone; updateStatistics=false too', () => {
    const bn = batchNorm({ units: 2 });
    const x = normal(64, 2, 2, 5, 2);
    // Fresh running averages are mean 0, variance 1: eval is (almost) the identity.
    const y = bn.apply(x);
    const diff = tf.max(tf.abs(tf.sub(y, x))).dataSync()[0]!;
    expect(diff).toBeLessThan(1e-3);
    const before = bn.statistics.map((v) => Array.from(v.dataSync()));
    bn.apply(x, { training: true, updateStatistics: false }).dispose();
    expect(bn.statistics.map((v) => Array.from(v.dataSync()))).toEqual(before);
    tf.dispose([x, y]);
    bn.dispose();
  });

  it('after many training batches, eval mode matches training-mode normalisation', () => {
    const bn = batchNorm({ units: 2, momentum: 0.9 });
    const x = normal(512, 2, 3, -2, 0.5);
    for (let i = 0; i < 200; i++) bn.apply(x, { training: true }).dispose();
    const train = bn.apply(x, { training: true, updateStatistics: false });
    const evaluation = bn.apply(x);
    expect(tf.max(tf.abs(tf.sub(train, evaluation))).dataSync()[0]!).toBeLessThan(1e-3);
    tf.dispose([x, train, evaluation]);
    bn.dispose();
  });
});
