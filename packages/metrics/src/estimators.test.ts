import { estimatorRegistry } from '@mine/core/base';
import { describe, expect, it } from 'vitest';
import { gaussianEstimator, ksgEstimator, referenceEstimators } from './estimators.js';
import { gaussianEstimate } from './gaussian-estimate.js';
import { ksg } from './ksg/ksg.js';
import { correlatedGaussians } from './test-helpers.js';

describe('KSG and Gaussian behind the estimator interface', () => {
  const { x, z, mi: truth } = correlatedGaussians(2000, 1, 0.8, 4);

  it('ksg: the same numbers as ksg(), in the common shape, bits on request', async () => {
    const direct = await ksg(x, z, { k: 5, seed: 2 });
    const r = await ksgEstimator({ k: 5 }).estimate(x, z, { seed: 2 });
    expect(r).toMatchObject({
      estimator: 'ksg',
      unit: 'nats',
      n: 2000,
      backend: 'js',
      warnings: [],
    });
    expect(r.mi).toBe(direct.mi);
    expect(r.ci).toEqual(direct.ci);
    expect(Math.abs(r.mi - truth)).toBeLessThan(0.05);
    const bits = await ksgEstimator({ k: 5 }).estimate(x, z, { seed: 2, unit: 'bits' });
    expect(bits.mi).toBeCloseTo(direct.mi / Math.LN2, 12);
    expect(bits.ci[0]).toBeCloseTo(direct.ci[0] / Math.LN2, 12);
  });

  it('gaussian: the same numbers as gaussianEstimate(), in the common shape', async () => {
    const direct = gaussianEstimate(x, z, { seed: 1, bootstrap: 50 });
    const r = await gaussianEstimator({ bootstrap: 50 }).estimate(x, z, { seed: 1 });
    expect(r).toMatchObject({ estimator: 'gaussian', unit: 'nats', n: 2000, backend: 'js' });
    expect(r.mi).toBe(direct.mi);
    expect(r.ci).toEqual(direct.ci);
  });

  it('bad options name the argument', async () => {
    // @ts-expect-error not a KSG option
    await expect(ksgEstimator().estimate(x, z, { steps: 5 })).rejects.toThrow(
      /"steps".*unknown option/,
    );
    // @ts-expect-error not a unit
    await expect(gaussianEstimator().estimate(x, z, { unit: 'bans' })).rejects.toThrow(/"unit"/);
  });

  it('a registry holds them by name', () => {
    const registry = estimatorRegistry(referenceEstimators());
    expect(registry.names).toEqual(['ksg', 'gaussian']);
    expect(registry.get('ksg').kind).toBe('reference');
  });
});
