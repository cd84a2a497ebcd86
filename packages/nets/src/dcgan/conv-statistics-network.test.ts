import { MutualInformationTerm } from '@mine/core';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { convStatisticsNetwork } from './conv-statistics-network.js';

const params = (vs: readonly tf.Variable[]) => vs.reduce((s, v) => s + v.size, 0);

describe('convStatisticsNetwork (Table 6)', () => {
  it('has Table 6 sizes at width 1: convs 16-32-64, FC 1024, one score', () => {
    const t = convStatisticsNetwork({ zDim: 100 });
    expect(t.xDim).toBe(28 * 28 * 3);
    expect(t.conditionedWidths).toEqual([16, 32, 64, 1024]);
    const convs = 25 * (3 * 16 + 16 * 32 + 32 * 64);
    const dense = 4 * 4 * 64 * 1024;
    const dynamic = (100 + 1) * (16 + 32 + 64 + 1024);
    expect(params(t.trainableVariables)).toBe(convs + dense + dynamic + 1024 + 1);
    t.dispose();
  });

  it('scores [n] pairs, and z reaches every conditioned layer', () => {
    const t = convStatisticsNetwork({ zDim: 4, width: 1 / 4, seed: 1 });
    const x = tf.randomUniform([3, t.xDim], -1, 1, 'float32', 2) as tf.Tensor2D;
    const z = tf.randomNormal([3, 4], 0, 1, 'float32', 3) as tf.Tensor2D;
    const scores = t.score(x, z);
    expect(scores.shape).toEqual([3]);
    // d score / d A: the columns of each layer's block of the dynamic-bias matrix get a gradient.
    const conditioning = t.trainableVariables.find((v) => v.shape[0] === 4)!;
    const { grads, value } = tf.variableGrads(
      () => tf.sum(t.score(x, z)) as tf.Scalar,
      [conditioning],
    );
    const g = tf.abs(grads[conditioning.name]!) as tf.Tensor2D;
    let start = 0;
    for (const w of t.conditionedWidths) {
      const block = tf.sum(tf.slice(g, [0, start], [4, w])).dataSync()[0]!;
      expect(block).toBeGreaterThan(0);
      start += w;
    }
    tf.dispose([x, z, scores, value, g, ...Object.values(grads)]);
    t.dispose();
  });

  it('trains as a MutualInformationTerm critic without leaking', () => {
    const term = new MutualInformationTerm({
      critic: convStatisticsNetwork({ size: 16, channels: 1, zDim: 2, width: 1 / 8, dense: 64 }),
      seed: 4,
    });
    const x = tf.randomUniform([8, 256], -1, 1, 'float32', 5) as tf.Tensor2D;
    const z = tf.randomNormal([8, 2], 0, 1, 'float32', 6) as tf.Tensor2D;
    term.trainStep(x, z).dispose();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) term.trainStep(x, z).dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => term.critic.score(tf.zeros([2, 10]) as tf.Tensor2D, z)).toThrow(/x.*\[n, 256\]/);
    tf.dispose([x, z]);
    term.dispose();
  });
});
