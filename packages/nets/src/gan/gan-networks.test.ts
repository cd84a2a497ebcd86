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
