import { createRng } from '@mine/core';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { mlpDiscriminator, mlpStatisticsNetwork } from './mlp-discriminator.js';
import { mlpGenerator } from './mlp-generator.js';

function normal(n: number, d: number, seed: number, shift = 0, scale = 1) {
  const rng = createRng(seed);
  const values = new Float32Array(n * d);
  for (let i = 0; i < values.length; i++) values[i] = shift + scale * rng.normal();
  return tf.tensor2d(values, [n, d]);
}

describe('GAN networks (Sec. 8.1.2)', () => {
  it('have the paper sizes and output shapes', () => {
    const g = mlpGenerator({ inputDim: 10, outputDim: 2 });
    const d = mlpDiscriminator({ inputDim: 2 });
    const t = mlpStatisticsNetwork({ xDim: 2, codeDim: 3 });
    const shapes = (vs: readonly tf.Variable[]) => vs.map((v) => v.shape);
    expect(shapes(g.trainableVariables)).toEqual([
      [10, 500],
      [500],
      [500],
      [500, 500],
      [500],
      [500],
      [500, 2],
      [2],
    ]);
    expect(shapes(g.nonTrainableVariables)).toEqual([[500], [500], [500], [500]]);
    expect(g.variables.length).toBe(12);
    expect(shapes(d.trainableVariables)).toEqual([
      [2, 400],
      [400],
      [400, 400],
      [400],
      [400, 400],
      [400],
      [400, 1],
      [1],
    ]);
    expect(t.trainableVariables[0]!.shape).toEqual([5, 400]);
    expect(t.trainableVariables.length).toBe(8);
    const z = normal(7, 10, 4);
    const x = g.apply(z, { training: true });
    expect(x.shape).toEqual([7, 2]);
    const logits = d.apply(x);
    expect(logits.shape).toEqual([7]);
    const c = normal(7, 3, 5);
    const scores = t.score(x, c);
    expect(scores.shape).toEqual([7]);
    expect(() => g.apply(normal(3, 4, 6))).toThrow(/"z"/);
    tf.dispose([z, x, logits, c, scores]);
    for (const net of [g, d, t]) net.dispose();
  });

  it('start with N(0, 0.02²) kernels and zero biases by default, Glorot-uniform on request', () => {
    const moments = (v: tf.Variable) => {
      const values = v.dataSync();
      let mean = 0;
      for (const x of values) mean += x / values.length;
      let variance = 0;
      let max = 0;
      for (const x of values) {
        variance += (x - mean) ** 2 / values.length;
        max = Math.max(max, Math.abs(x));
      }
      return { mean, std: Math.sqrt(variance), max };
    };
    const g = mlpGenerator({ inputDim: 10, outputDim: 2, seed: 3 });
    const d = mlpDiscriminator({ inputDim: 2, seed: 4 });
    // The 500 × 500 and 400 × 400 kernels: 250,000 and 160,000 draws.
    for (const kernel of [g.trainableVariables[3]!, d.trainableVariables[2]!]) {
      const { mean, std } = moments(kernel);
      expect(Math.abs(mean)).toBeLessThan(2e-4);
      expect(std).toBeCloseTo(0.02, 3);
    }
    for (const bias of [d.trainableVariables[1]!, g.trainableVariables[7]!]) {
      expect(moments(bias).max).toBe(0);
    }
    const glorot = mlpDiscriminator({ inputDim: 2, weightInit: 'glorotUniform', seed: 4 });
    const limit = Math.sqrt(6 / 800);
    const { std, max } = moments(glorot.trainableVariables[2]!);
    expect(max).toBeLessThanOrEqual(limit);
    expect(std).toBeCloseTo(limit / Math.sqrt(3), 3);
    const wide = mlpGenerator({ inputDim: 10, outputDim: 2, weightInit: { normalStd: 0.5 } });
    expect(moments(wide.trainableVariables[3]!).std).toBeCloseTo(0.5, 1);
    expect(() => mlpDiscriminator({ inputDim: 2, weightInit: { normalStd: 0 } })).toThrow(
      /"weightInit"/,
    );
    expect(() => mlpGenerator({ inputDim: 2, outputDim: 2, weightInit: 'he' as never })).toThrow(
      /"weightInit"/,
    );
    for (const net of [g, d, glorot, wide]) net.dispose();
  });

  it('the discriminator is the LeakyReLU(0.2) MLP its variables describe', () => {
    const d = mlpDiscriminator({ inputDim: 3, hidden: [5, 4], seed: 6 });
    // Give the biases values so that they are checked too.
    tf.tidy(() => {
      for (const [i, v] of d.trainableVariables.entries()) {
        if (i % 2 === 1) v.assign(tf.mul(tf.randomNormal(v.shape, 0, 1, 'float32', i), 0.1));
      }
    });
    const x = normal(6, 3, 11);
    const got = d.apply(x);
    const [w1, b1, w2, b2, w3, b3] = d.trainableVariables.map((v) => v.arraySync()) as [
      number[][],
      number[],
      number[][],
      number[],
      number[][],
      number[],
    ];
    const layer = (h: number[], w: number[][], b: number[], leaky: boolean) =>
      b.map((bias, j) => {
        const pre = h.reduce((sum, hi, i) => sum + hi * w[i]![j]!, bias);
        return leaky && pre < 0 ? 0.2 * pre : pre;
      });
    const expected = (x.arraySync() as number[][]).map(
      (row) => layer(layer(layer(row, w1, b1, true), w2, b2, true), w3, b3, false)[0]!,
    );
    Array.from(got.dataSync()).forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i]!, 5);
    });
    tf.dispose([x, got]);
    d.dispose();
  });

  it('the same seed gives the same generator; eval differs from training mode', () => {
    const a = mlpGenerator({ inputDim: 4, outputDim: 2, hidden: [16, 16], seed: 7 });
    const b = mlpGenerator({ inputDim: 4, outputDim: 2, hidden: [16, 16], seed: 7 });
    const z = normal(32, 4, 8, 1, 2);
    const ya = a.apply(z);
    const yb = b.apply(z);
    expect(Array.from(ya.dataSync())).toEqual(Array.from(yb.dataSync()));
    const yt = a.apply(z, { training: true });
    expect(Array.from(yt.dataSync())).not.toEqual(Array.from(ya.dataSync()));
    tf.dispose([z, ya, yb, yt]);
    a.dispose();
    b.dispose();
  });

  it('gradients reach every trainable variable but not the running averages', () => {
    const g = mlpGenerator({ inputDim: 4, outputDim: 2, hidden: [8, 8], seed: 1 });
    const z = normal(16, 4, 9);
    const { value, grads } = tf.variableGrads(
      () => tf.sum(tf.square(g.apply(z, { training: true }))) as tf.Scalar,
      g.trainableVariables as tf.Variable[],
    );
    expect(Object.keys(grads).length).toBe(g.trainableVariables.length);
    for (const grad of Object.values(grads))
      expect(Number.isFinite(tf.sum(grad).dataSync()[0]!)).toBe(true);
    tf.dispose([z, value, ...Object.values(grads)]);
    g.dispose();
  });

  it('do not leak: training, eval and gradient passes keep numTensors flat, dispose frees all', () => {
    const start = tf.memory().numTensors;
    const g = mlpGenerator({ inputDim: 4, outputDim: 2, hidden: [8, 8] });
    const d = mlpDiscriminator({ inputDim: 2, hidden: [8, 8, 8] });
    const z = normal(16, 4, 10);
    const pass = () =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(
          () => tf.mean(d.apply(g.apply(z, { training: true }))) as tf.Scalar,
          [...g.trainableVariables, ...d.trainableVariables] as tf.Variable[],
        );
        g.apply(z);
        return [value, ...Object.values(grads)];
      });
    tf.dispose(pass());
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) tf.dispose(pass());
    expect(tf.memory().numTensors).toBe(before);
    z.dispose();
    g.dispose();
    d.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});
