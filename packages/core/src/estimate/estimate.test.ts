import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { correlatedGaussianSample, toRows } from '../testing/index.js';
import { estimateMutualInformation } from './estimate.js';

/** n rows of x, z ∈ R^d with corr(x_i, z_j) = δ_ij ρ, as number[][]. */
function correlated(n: number, d: number, rho: number, seed: number) {
  const { x, z } = correlatedGaussianSample(n, d, rho, seed);
  return { x: toRows(x.data, d), z: toRows(z.data, d) };
}

const quick = { steps: 200, evalEvery: 50, hidden: [16], bootstrap: 20 };

describe('estimateMutualInformation: bad input names the argument', () => {
  const { x, z } = correlated(100, 2, 0.5, 1);

  it('NaN and Inf, with row and column', async () => {
    const bad = x.map((r) => [...r]);
    bad[7]![1] = Number.NaN;
    await expect(estimateMutualInformation(bad, z, quick)).rejects.toThrow(
      /"x".*row 7, column 1 is NaN/,
    );
    const inf = z.map((r) => [...r]);
    inf[3]![0] = Number.POSITIVE_INFINITY;
    await expect(estimateMutualInformation(x, inf, quick)).rejects.toThrow(
      /"z".*row 3, column 0 is Infinity/,
    );
  });

  it('row-count and rank mismatches', async () => {
    await expect(estimateMutualInformation(x, z.slice(1), quick)).rejects.toThrow(
      /"z".*99 rows but x has 100/,
    );
    const ragged = x.map((r, i) => (i === 5 ? [r[0]!] : r));
    await expect(estimateMutualInformation(ragged, z, quick)).rejects.toThrow(
      /"x".*row 5 has 1 columns/,
    );
    const t = tf.zeros([100]);
    await expect(estimateMutualInformation(t, z, quick)).rejects.toThrow(/"x".*rank-2/);
    t.dispose();
    await expect(
      estimateMutualInformation({ data: new Float32Array(10), shape: [4, 3] }, z, quick),
    ).rejects.toThrow(/"x".*10 values but shape \[4, 3\]/);
  });

  it('too few rows, and a batch larger than the training split', async () => {
    await expect(estimateMutualInformation(x.slice(0, 10), z.slice(0, 10), quick)).rejects.toThrow(
      /"x".*at least 20/,
    );
    await expect(estimateMutualInformation(x, z, { ...quick, batchSize: 500 })).rejects.toThrow(
      /"batchSize".*80 training rows/,
    );
  });

  it('constant columns', async () => {
    const constant = z.map((r) => [r[0]!, 4]);
    await expect(estimateMutualInformation(x, constant, quick)).rejects.toThrow(
      /"z".*column 1 is constant/,
    );
  });

  it('unknown options and bad option values', async () => {
    // @ts-expect-error unknown option
    await expect(estimateMutualInformation(x, z, { ...quick, stpes: 5 })).rejects.toThrow(
      /"stpes".*unknown option/,
    );
    // @ts-expect-error unknown estimator
    await expect(estimateMutualInformation(x, z, { estimator: 'kde' })).rejects.toThrow(
      /"estimator".*mine, mine-f/,
    );
    await expect(estimateMutualInformation(x, z, { steps: 0 })).rejects.toThrow(/"steps"/);
    await expect(estimateMutualInformation(x, z, { heldOutFraction: 1 })).rejects.toThrow(
      /"heldOutFraction"/,
    );
  });
});

describe('estimateMutualInformation: result', () => {
  it('has the documented shape, bits on request, and is seeded', async () => {
    const { x, z } = correlated(400, 1, 0.8, 2);
    const a = await estimateMutualInformation(x, z, { ...quick, seed: 7 });
    const b = await estimateMutualInformation(x, z, { ...quick, seed: 7, unit: 'bits' });
    expect(a.unit).toBe('nats');
    expect(b.unit).toBe('bits');
    expect(b.mi).toBeCloseTo(a.mi / Math.LN2, 4);
    expect(a.ci[0]).toBeLessThanOrEqual(a.mi);
    expect(a.ci[1]).toBeGreaterThanOrEqual(a.mi);
    expect(a).toMatchObject({ estimator: 'mine', n: 400, backend: tf.getBackend() });
    expect(a.steps).toBeGreaterThan(0);
    expect(a.curve.at(-1)!.heldOut).toBeTypeOf('number');
    expect(Array.isArray(a.warnings)).toBe(true);
  });

  it('every estimator runs and warns when InfoNCE sits at its ceiling', async () => {
    const { x, z } = correlated(600, 3, 0.95, 3); // truth 5.2 nats, far above log(64)
    for (const estimator of ['mine', 'mine-f', 'smile', 'js'] as const) {
      const r = await estimateMutualInformation(x, z, { ...quick, estimator });
      expect(Number.isFinite(r.mi)).toBe(true);
    }
    const nce = await estimateMutualInformation(x, z, {
      ...quick,
      estimator: 'infonce',
      hidden: [32, 32],
      batchSize: 16,
      steps: 400,
      patience: 0,
      learningRate: 3e-3,
    });
    expect(nce.mi).toBeLessThanOrEqual(Math.log(16) + 1e-6);
    expect(nce.warnings.join(' ')).toMatch(/ceiling log\(batchSize\)/);
  });

  it('calls a blown-up critic diverged, not independent', async () => {
    const { x, z } = correlated(400, 1, 0.6, 5);
    const r = await estimateMutualInformation(x, z, {
      ...quick,
      learningRate: 1e6,
      schedule: 'constant',
      patience: 0,
    });
    expect(r.mi).toBeLessThan(-1);
    const all = r.warnings.join(' ');
    expect(all).toMatch(/far below 0 .*the critic diverged; try a smaller learningRate/);
    expect(all).not.toMatch(/no dependence/);
  });

  it('says when it was stopped before the first held-out evaluation', async () => {
    const { x, z } = correlated(200, 1, 0.6, 6);
    const controller = new AbortController();
    controller.abort();
    const r = await estimateMutualInformation(x, z, { ...quick, signal: controller.signal });
    expect(r.mi).toBeNaN();
    const all = r.warnings.join(' ');
    expect(all).toMatch(/stopped before the first held-out evaluation \(at step 50\): no estimate/);
    expect(all).not.toMatch(/diverged/);
  });

  it('trains past steps while the held-out bound still rises, up to maxSteps', async () => {
    const { x, z } = correlated(600, 2, 0.9, 8);
    // Truth 1.66 nats; after 40 steps the bound is still climbing by > 0.05 nats per evaluation.
    const slow = {
      hidden: [16],
      bootstrap: 20,
      evalEvery: 20,
      averageLast: 1,
      learningRate: 3e-3,
      schedule: 'constant' as const,
    };
    const r = await estimateMutualInformation(x, z, { ...slow, steps: 40, maxSteps: 60 });
    expect(r.steps).toBe(60);
    expect(r.curve.map((p) => p.step)).toEqual([20, 40, 60]);
    expect(r.warnings.join(' ')).toMatch(/still rising .* after 60 steps \(maxSteps 60\)/);
    const fixed = await estimateMutualInformation(x, z, { ...slow, steps: 40, maxSteps: 40 });
    expect(fixed.steps).toBe(40);
    await expect(
      estimateMutualInformation(x, z, { ...slow, steps: 100, maxSteps: 50 }),
    ).rejects.toThrow(/"maxSteps".*at least steps \(100\)/);
  });

  it('counts patience only from the middle of steps on', async () => {
    const { x, z } = correlated(400, 1, 0.6, 9);
    // A learning rate too small to move the critic: the bound stops improving at once.
    const r = await estimateMutualInformation(x, z, {
      hidden: [16],
      bootstrap: 20,
      evalEvery: 10,
      averageLast: 1,
      patience: 2,
      learningRate: 1e-7,
      steps: 400,
    });
    expect(r.steps).toBeGreaterThanOrEqual(220);
    expect(r.steps).toBeLessThan(400);
  });

  it('leaves no tensors behind', async () => {
    const { x, z } = correlated(200, 2, 0.5, 4);
    await estimateMutualInformation(x, z, quick);
    const before = tf.memory().numTensors;
    await estimateMutualInformation(x, z, quick);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('estimateMutualInformation: every estimator is accurate on an easy task', () => {
  it.each([
    'mine',
    'mine-f',
    'smile',
    'js',
    'infonce',
  ] as const)('%s on d=1, rho=0.9', async (estimator) => {
    const { x, z } = correlated(3000, 1, 0.9, 5);
    const truth = -0.5 * Math.log(1 - 0.81);
    const r = await estimateMutualInformation(x, z, {
      estimator,
      steps: 600,
      hidden: [64, 64],
      learningRate: 3e-3,
      seed: 2,
    });
    expect(Math.abs(r.mi - truth)).toBeLessThanOrEqual(Math.max(0.1, 0.1 * truth));
  });
});
