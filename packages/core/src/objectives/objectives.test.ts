import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { INFONCE, NEURAL_ESTIMATORS, OBJECTIVES, objectiveOf } from './objectives.js';

const params = { emaDecay: 0.99, clip: 2 };

/** Random scores with a few large ones (where clipping and the exponential matter). */
function scores(n: number, seed: number, scale: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = scale * rng.normal() + (i % 17 === 0 ? 6 : 0);
  return out;
}

const value = (t: tf.Scalar) => {
  const v = t.dataSync()[0]!;
  t.dispose();
  return v;
};

describe('every objective reports through its tensor bound', () => {
  const pairs = OBJECTIVES.filter((o) => o.scores === 'pairs');

  it.each(
    pairs.map((o) => [o.name, o] as const),
  )('%s: the JS read-out equals the tensor bound on random scores', (_name, objective) => {
    for (const [seed, scale] of [
      [1, 0.5],
      [2, 3],
      [3, 8],
    ] as const) {
      const joint = scores(64, seed, scale);
      const marginal = scores(64 * 3, seed + 10, scale);
      const tensor = value(objective.bound(params)(tf.tensor1d(joint), tf.tensor1d(marginal)));
      const js = objective.readout(joint, marginal, params);
      expect(Math.abs(js - tensor), `seed ${seed}`).toBeLessThan(1e-4 * Math.max(1, Math.abs(js)));
    }
  });

  it.each(
    pairs.map((o) => [o.name, o] as const),
  )('%s: a resample reads out as the tensor bound on the resampled rows', (_name, objective) => {
    const rng = createRng(7);
    const n = 50;
    const joint = scores(n, 4, 2);
    const marginal = scores(2 * n, 5, 2);
    const jointIndex = new Int32Array(n);
    const marginalIndex = new Int32Array(2 * n);
    for (let i = 0; i < n; i++) {
      const row = rng.int(n);
      jointIndex[i] = row;
      for (let k = 0; k < 2; k++) marginalIndex[k * n + i] = k * n + row;
    }
    const pick = (v: Float32Array, index: Int32Array) => Float32Array.from(index, (i) => v[i]!);
    const tensor = value(
      objective.bound(params)(
        tf.tensor1d(pick(joint, jointIndex)),
        tf.tensor1d(pick(marginal, marginalIndex)),
      ),
    );
    const js = objective.readout(joint, marginal, params, { jointIndex, marginalIndex });
    expect(Math.abs(js - tensor)).toBeLessThan(1e-4 * Math.max(1, Math.abs(js)));
  });

  it('infonce: the mean of its per-row terms is the bound, and the read-out averages them', () => {
    const n = 32;
    const matrix = tf.tensor2d(scores(n * n, 9, 2), [n, n]);
    const terms = INFONCE.terms(matrix);
    const t = terms.dataSync() as Float32Array;
    const bound = value(INFONCE.bound(matrix));
    expect(Math.abs(INFONCE.readout(t, t, params) - bound)).toBeLessThan(1e-5);
    expect(INFONCE.ceiling(n)).toBeCloseTo(Math.log(n), 12);
    tf.dispose([matrix, terms]);
  });

  it('one list: the estimator names are the objectives, found by name', () => {
    expect(NEURAL_ESTIMATORS).toEqual(OBJECTIVES.map((o) => o.name));
    for (const o of OBJECTIVES) expect(objectiveOf(o.name)).toBe(o);
    // @ts-expect-error unknown name
    expect(() => objectiveOf('kde')).toThrow(/"objective".*mine, mine-f/);
  });

  it('each trainer leaves no tensors behind once disposed', () => {
    const cycle = () => {
      for (const o of pairs) {
        const trainer = o.trainer(params);
        const j = tf.tensor1d(scores(16, 1, 1));
        const m = tf.tensor1d(scores(16, 2, 1));
        for (let step = 0; step < 3; step++) {
          tf.tidy(() => trainer.value(j, m)).dispose();
          trainer.valueAndGradient?.(scores(32, 3, 1), 16);
        }
        tf.dispose([j, m]);
        trainer.dispose();
      }
    };
    cycle(); // tfjs caches a few constants on first use
    const before = tf.memory().numTensors;
    cycle();
    cycle();
    expect(tf.memory().numTensors).toBe(before);
  });
});
