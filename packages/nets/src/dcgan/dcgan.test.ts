import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { dcganDiscriminator } from './dcgan-discriminator.js';
import { dcganGenerator } from './dcgan-generator.js';

const params = (vs: readonly tf.Variable[]) => vs.reduce((s, v) => s + v.size, 0);

describe('DCGAN networks (Tables 4-5)', () => {
  it('the generator maps U(−1, 1)^100 to 28×28×3 images in [−1, 1]', () => {
    const g = dcganGenerator({ width: 1 / 8, seed: 1 });
    const z = tf.randomUniform([4, 100], -1, 1, 'float32', 2) as tf.Tensor2D;
    const x = g.apply(z, { training: true });
    expect(x.shape).toEqual([4, 28, 28, 3]);
    const values = x.dataSync();
    expect(Math.max(...values)).toBeLessThanOrEqual(1);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-1);
    tf.dispose([z, x]);
    g.dispose();
  });

  it('has the parameter count of Table 4 and Table 5 at width 1', () => {
    const g = dcganGenerator();
    const d = dcganDiscriminator();
    // FC 100→2·2·512, deconvs 5·5·(512·256 + 256·128 + 128·64 + 64·3) + 3, BN γ/β 2·(512+256+128+64).
    const gExpected =
      100 * 2048 +
      25 * (512 * 256 + 256 * 128 + 128 * 64 + 64 * 3) +
      3 +
      2 * (512 + 256 + 128 + 64);
    expect(params(g.trainableVariables)).toBe(gExpected);
    // convs 5·5·(3·64 + 64·128 + 128·256 + 256·512), bias 64, BN 2·(128+256+512), FC 2·2·512 + 1.
    const dExpected =
      25 * (3 * 64 + 64 * 128 + 128 * 256 + 256 * 512) + 64 + 2 * (128 + 256 + 512) + 2048 + 1;
    expect(params(d.trainableVariables)).toBe(dExpected);
    g.dispose();
    d.dispose();
  });

  it('every trainable variable gets a gradient through D(G(z))', () => {
    const g = dcganGenerator({ width: 1 / 8, seed: 3 });
    const d = dcganDiscriminator({ width: 1 / 8, seed: 4 });
    const z = tf.randomUniform([4, 100], -1, 1, 'float32', 5) as tf.Tensor2D;
    const variables = [...g.trainableVariables, ...d.trainableVariables];
    const { grads, value } = tf.variableGrads(
      () => tf.mean(d.apply(g.apply(z, { training: true }), { training: true })) as tf.Scalar,
      variables,
    );
    for (const v of variables) {
      const gv = grads[v.name]!;
      expect(gv.shape).toEqual(v.shape);
      expect(tf.sum(tf.abs(gv)).dataSync()[0]).toBeGreaterThan(0);
    }
    tf.dispose([z, value, ...Object.values(grads)]);
    g.dispose();
    d.dispose();
  });

  it('training mode moves the batch-norm averages, evaluation mode uses them', () => {
    const g = dcganGenerator({ width: 1 / 8, seed: 6 });
    const z = tf.randomUniform([8, 100], -1, 1, 'float32', 7) as tf.Tensor2D;
    const before = g.nonTrainableVariables.map((v) => v.dataSync().slice());
    const a = g.apply(z);
    const b = g.apply(z);
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    g.apply(z, { training: true }).dispose();
    const after = g.nonTrainableVariables.map((v) => v.dataSync());
    expect(after.some((v, i) => v.some((x, j) => x !== before[i]![j]))).toBe(true);
    tf.dispose([z, a, b]);
    g.dispose();
  });

  it('leaves no tensors behind and rejects wrong shapes', () => {
    const g = dcganGenerator({ width: 1 / 8 });
    const d = dcganDiscriminator({ width: 1 / 8 });
    const z = tf.zeros([2, 100]) as tf.Tensor2D;
    const pass = () =>
      tf.tidy(() => d.apply(g.apply(z, { training: true }), { training: true })).dispose();
    pass();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) pass();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => g.apply(tf.zeros([2, 99]) as tf.Tensor2D)).toThrow(/z.*\[n, 100\]/);
    expect(() => d.apply(tf.zeros([2, 28, 28, 1]) as tf.Tensor4D)).toThrow(/x.*28, 28, 3/);
    expect(() => dcganGenerator({ width: 0 })).toThrow(/width/);
    z.dispose();
    g.dispose();
    d.dispose();
  });
});
