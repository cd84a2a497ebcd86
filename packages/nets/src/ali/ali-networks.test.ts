import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { aliDecoder } from './ali-decoder.js';
import { aliDiscriminator } from './ali-discriminator.js';
import { aliEncoder } from './ali-encoder.js';
import { aliStatisticsNetwork } from './ali-statistics-network.js';
import { aliSizes } from './sizes.js';

const params = (vs: readonly tf.Variable[]) => vs.reduce((s, v) => s + v.size, 0);

describe('bidirectional networks (Tables 7-10)', () => {
  it('have the parameter counts of Tables 7-10 at width 1', () => {
    const e = aliEncoder();
    const g = aliDecoder();
    const d = aliDiscriminator();
    const t = aliStatisticsNetwork();
    // Convs 5·5·(129·64 + 64·128 + 128·256) + 4·4·256·256, first bias, BN γ/β, FC 256→128.
    expect(params(e.trainableVariables)).toBe(
      25 * (129 * 64 + 64 * 128 + 128 * 256) +
        16 * 256 * 256 +
        64 +
        2 * (128 + 256 + 256) +
        256 * 128 +
        128,
    );
    // FC 128→4·4·256, deconvs 5·5·(256·128 + 128·64 + 64·1) + 1, BN γ/β of 256, 128, 64.
    expect(params(g.trainableVariables)).toBe(
      128 * 4096 + 25 * (256 * 128 + 128 * 64 + 64) + 1 + 2 * (256 + 128 + 64),
    );
    // Convs, first bias, BN, FC (4·4·256 + 128)→1024, FC 1024→1.
    expect(params(d.trainableVariables)).toBe(
      25 * (64 + 64 * 128 + 128 * 256) + 64 + 2 * (128 + 256) + 4224 * 1024 + 1024 + 1025,
    );
    // Convs, dynamic biases (128 + 1)·(64 + 128 + 256), linear score 4·4·256 → 1.
    expect(params(t.trainableVariables)).toBe(
      25 * (64 + 64 * 128 + 128 * 256) + 129 * 448 + 4096 + 1,
    );
    expect(t.conditionedWidths).toEqual([64, 128, 256]);
    for (const n of [e, g, d, t]) n.dispose();
  });

  it('map shapes through E, G, D and T, with codes of any size and small images', () => {
    expect(aliSizes(28)).toEqual([4, 7, 14, 28]);
    expect(aliSizes(12)).toEqual([2, 3, 6, 12]);
    const size = 12;
    const e = aliEncoder({ size, noiseDim: 3, codeDim: 5, width: 1 / 16, seed: 1 });
    const g = aliDecoder({ size, codeDim: 5, width: 1 / 16, seed: 2 });
    const d = aliDiscriminator({ size, codeDim: 5, width: 1 / 16, seed: 3 });
    const dxx = aliDiscriminator({ size, channels: 2, codeDim: 0, width: 1 / 16, seed: 4 });
    const x = tf.randomUniform([4, size, size, 1], -1, 1, 'float32', 5) as tf.Tensor4D;
    const eps = tf.randomNormal([4, 3], 0, 1, 'float32', 6) as tf.Tensor2D;
    const z = e.apply(x, eps, { training: true });
    expect(z.shape).toEqual([4, 5]);
    const xHat = g.apply(z, { training: true });
    expect(xHat.shape).toEqual([4, size, size, 1]);
    const values = xHat.dataSync();
    expect(Math.max(...values)).toBeLessThanOrEqual(1);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-1);
    expect(d.apply(xHat, z).shape).toEqual([4]);
    const pair = tf.concat([x, xHat], 3) as tf.Tensor4D;
    expect(dxx.apply(pair, null).shape).toEqual([4]);
    tf.dispose([x, eps, z, xHat, pair]);
    for (const n of [e, g, d, dxx]) n.dispose();
  });

  it('every trainable variable of E and G gets a gradient through D(x, E(x)) and D(G(z), z)', () => {
    const size = 12;
    const e = aliEncoder({ size, noiseDim: 2, codeDim: 4, width: 1 / 16, seed: 1 });
    const g = aliDecoder({ size, codeDim: 4, width: 1 / 16, seed: 2 });
    const d = aliDiscriminator({ size, codeDim: 4, width: 1 / 16, seed: 3 });
    const x = tf.randomUniform([4, size, size, 1], -1, 1, 'float32', 4) as tf.Tensor4D;
    const eps = tf.randomNormal([4, 2], 0, 1, 'float32', 5) as tf.Tensor2D;
    const z = tf.randomNormal([4, 4], 0, 1, 'float32', 6) as tf.Tensor2D;
    const variables = [...e.trainableVariables, ...g.trainableVariables, ...d.trainableVariables];
    const train = { training: true };
    const { grads, value } = tf.variableGrads(
      () =>
        tf.add(
          tf.mean(d.apply(x, e.apply(x, eps, train), train)),
          tf.mean(d.apply(g.apply(z, train), z, train)),
        ) as tf.Scalar,
      variables,
    );
    for (const v of variables) {
      expect(tf.sum(tf.abs(grads[v.name]!)).dataSync()[0]).toBeGreaterThan(0);
    }
    tf.dispose([x, eps, z, value, ...Object.values(grads)]);
    for (const n of [e, g, d]) n.dispose();
  });

  it('training mode moves the batch-norm averages, evaluation mode uses them', () => {
    const e = aliEncoder({ size: 12, noiseDim: 2, codeDim: 4, width: 1 / 16, seed: 7 });
    const x = tf.randomUniform([8, 12, 12, 1], -1, 1, 'float32', 8) as tf.Tensor4D;
    const eps = tf.zeros([8, 2]) as tf.Tensor2D;
    const a = e.apply(x, eps);
    const b = e.apply(x, eps);
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    const before = e.nonTrainableVariables.map((v) => v.dataSync().slice());
    e.apply(x, eps, { training: true }).dispose();
    const moved = e.nonTrainableVariables.some((v, i) =>
      v.dataSync().some((value, j) => value !== before[i]![j]),
    );
    expect(moved).toBe(true);
    tf.dispose([x, eps, a, b]);
    e.dispose();
  });

  it("starts the encoder's codes at the prior's scale (variance ~1), unlike DCGAN's 0.02 init", () => {
    const x = tf.randomUniform([200, 28, 28, 1], -1, 1, 'float32', 5) as tf.Tensor4D;
    const eps = tf.randomNormal([200, 32], 0, 1, 'float32', 6) as tf.Tensor2D;
    const codeVariance = (options: Parameters<typeof aliEncoder>[0]) => {
      const e = aliEncoder({ noiseDim: 32, codeDim: 32, width: 1 / 4, seed: 2, ...options });
      const v = tf.tidy(
        () => tf.moments(e.apply(x, eps, { training: true })).variance.dataSync()[0]!,
      );
      e.dispose();
      return v;
    };
    const he = codeVariance({});
    expect(he).toBeGreaterThan(0.4);
    expect(he).toBeLessThan(2.5);
    expect(codeVariance({ codeInit: { normalStd: 0.02 } })).toBeLessThan(0.05);
    expect(() => aliEncoder({ codeInit: { normalStd: -1 } })).toThrow(/codeInit/);
    tf.dispose([x, eps]);
  });

  it('leaves no tensors behind and rejects wrong shapes by name', () => {
    const e = aliEncoder({ size: 12, noiseDim: 2, codeDim: 4, width: 1 / 16 });
    const g = aliDecoder({ size: 12, codeDim: 4, width: 1 / 16 });
    const d = aliDiscriminator({ size: 12, codeDim: 4, width: 1 / 16 });
    const x = tf.zeros([2, 12, 12, 1]) as tf.Tensor4D;
    const eps = tf.zeros([2, 2]) as tf.Tensor2D;
    const pass = () =>
      tf
        .tidy(() => d.apply(g.apply(e.apply(x, eps, { training: true })), tf.zeros([2, 4])))
        .dispose();
    pass();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) pass();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => e.apply(tf.zeros([2, 28, 28, 1]) as tf.Tensor4D, eps)).toThrow(/x.*12, 12, 1/);
    expect(() => e.apply(x, tf.zeros([2, 3]) as tf.Tensor2D)).toThrow(/noise.*\[2, 2\]/);
    expect(() => g.apply(tf.zeros([2, 5]) as tf.Tensor2D)).toThrow(/z.*\[n, 4\]/);
    expect(() => d.apply(x, null)).toThrow(/z.*null/);
    expect(() => aliDecoder({ size: 6 })).toThrow(/size.*>= 8/);
    expect(() => aliEncoder({ width: 0 })).toThrow(/width/);
    tf.dispose([x, eps]);
    for (const n of [e, g, d]) n.dispose();
  });
});
