import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  baselineClassifier,
  bottleneckDecoder,
  bottleneckEncoder,
  gaussianParameters,
} from './bottleneck-networks.js';
import { noisyMlpCritic } from './noisy-mlp-critic.js';

describe('Information Bottleneck networks', () => {
  it('have the documented shapes and parametrise σ = softplus(ρ − 5)', () => {
    const encoder = bottleneckEncoder({ inputDim: 6, hidden: [5], bottleneck: 3, gaussian: true });
    const decoder = bottleneckDecoder({ bottleneck: 3, classes: 4 });
    const baseline = baselineClassifier({ inputDim: 6, hidden: [5, 5], classes: 4 });
    tf.tidy(() => {
      const x = tf.ones([2, 6]) as tf.Tensor2D;
      const h = encoder.apply(x);
      expect(h.shape).toEqual([2, 6]);
      const { mean, std } = gaussianParameters(h);
      expect(mean.shape).toEqual([2, 3]);
      const rho = tf.slice(h, [0, 3], [2, 3]);
      const expected = tf.log(tf.add(1, tf.exp(tf.sub(rho, 5))));
      expect(tf.max(tf.abs(tf.sub(std, expected))).dataSync()[0]).toBeLessThan(1e-6);
      expect(decoder.apply(mean).shape).toEqual([2, 4]);
      expect(baseline.apply(x).shape).toEqual([2, 4]);
      expect(() => encoder.apply(tf.ones([2, 5]) as tf.Tensor2D)).toThrow(/"x"/);
    });
    expect(baseline.trainableVariables.length).toBe(6);
    encoder.dispose();
    decoder.dispose();
    baseline.dispose();
  });

  it('Table 15 statistics network: noise only in training mode, reproducible after reseed', () => {
    const critic = noisyMlpCritic({ xDim: 4, zDim: 2, hidden: [8, 8], seed: 1 });
    expect(critic.trainableVariables.map((v) => v.shape)).toEqual([
      [6, 8],
      [8],
      [8, 8],
      [8],
      [8, 1],
      [1],
    ]);
    const x = tf.randomNormal([5, 4], 0, 1, 'float32', 2) as tf.Tensor2D;
    const z = tf.randomNormal([5, 2], 0, 1, 'float32', 3) as tf.Tensor2D;
    const read = (training: boolean) => {
      const scores = critic.score(x, z, { training });
      const values = Array.from(scores.dataSync());
      scores.dispose();
      return values;
    };
    expect(read(false)).toEqual(read(false));
    critic.reseed(9);
    const a = read(true);
    const b = read(true);
    critic.reseed(9);
    expect(read(true)).toEqual(a);
    expect(b).not.toEqual(a);
    expect(a).not.toEqual(read(false));
    const before = tf.memory().numTensors;
    read(true);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => noisyMlpCritic({ xDim: 4, zDim: 2, inputNoise: -1 })).toThrow(/"inputNoise"/);
    tf.dispose([x, z]);
    critic.dispose();
  });
});
