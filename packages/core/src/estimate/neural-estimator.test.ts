import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { NEURAL_ESTIMATORS } from '../objectives/objectives.js';
import { createRng } from '../random.js';
import { estimateMutualInformation } from './estimate.js';
import { estimatorRegistry, optionsFor } from './estimator.js';
import { mine, neuralEstimator, neuralEstimators } from './neural-estimator.js';

function correlated(n: number, rho: number, seed: number) {
  const rng = createRng(seed);
  const x = new Float32Array(n);
  const z = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.normal();
    z[i] = rho * x[i]! + Math.sqrt(1 - rho * rho) * rng.normal();
  }
  return {
    x: { data: x, shape: [n, 1] as [number, number] },
    z: { data: z, shape: [n, 1] as [number, number] },
  };
}

const quick = { steps: 150, evalEvery: 50, hidden: [16], bootstrap: 20, seed: 3 };

describe('the three levels give one estimate', () => {
  it('factory and one-liner agree exactly for the same settings and seed', async () => {
    const { x, z } = correlated(400, 0.8, 1);
    const one = await estimateMutualInformation(x, z, { ...quick, estimator: 'mine-f' });
    const factory = await neuralEstimator('mine-f', quick).estimate(x, z);
    expect(factory.mi).toBe(one.mi);
    expect(factory.ci).toEqual(one.ci);
    expect(factory).toMatchObject({
      estimator: 'mine-f',
      unit: 'nats',
      n: 400,
      backend: tf.getBackend(),
    });
  });

  it('the factory defaults give way to per-call options, and undefined keeps them', async () => {
    const { x, z } = correlated(400, 0.8, 2);
    const estimator = mine({ ...quick, unit: 'bits' });
    const bits = await estimator.estimate(x, z, { steps: undefined });
    const nats = await estimator.estimate(x, z, { unit: 'nats' });
    expect(bits.unit).toBe('bits');
    expect(bits.steps).toBe(quick.steps);
    expect(bits.mi).toBeCloseTo(nats.mi / Math.LN2, 6);
  });
});

describe('estimatorRegistry', () => {
  const registry = estimatorRegistry(neuralEstimators());

  it('holds one estimator per objective, by name', () => {
    expect(registry.names).toEqual(NEURAL_ESTIMATORS);
    for (const name of NEURAL_ESTIMATORS) {
      expect(registry.get(name)).toMatchObject({ name, kind: 'neural' });
    }
  });

  it('names the argument and the choices for an unknown estimator, and refuses duplicates', () => {
    expect(() => registry.get('kde')).toThrow(/"estimator".*unknown estimator "kde".*mine, mine-f/);
    expect(() => estimatorRegistry([mine(), mine()])).toThrow(/two estimators are named "mine"/);
  });

  it('optionsFor keeps only what the estimator accepts', () => {
    expect(optionsFor(mine(), { steps: 5, k: 3, seed: 1 })).toEqual({ steps: 5, seed: 1 });
  });

  it('rejects an option it does not know, naming it', async () => {
    const { x, z } = correlated(100, 0.5, 3);
    // @ts-expect-error not an option of neural estimators
    await expect(mine().estimate(x, z, { k: 3 })).rejects.toThrow(/"k".*unknown option/);
  });
});
