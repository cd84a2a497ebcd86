import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { MineEstimator } from '../mine/estimator.js';
import { createRng } from '../random.js';
import type { Split } from './data.js';
import type { Evaluation } from './evaluation.js';
import { resolveSettings } from './settings.js';
import { train } from './training.js';

/** A stand-in estimator: training steps do nothing, so the held-out curve is the script's. */
const idle = {
  step: () => tf.scalar(0),
  setLearningRate: () => {},
} as unknown as MineEstimator;

const split: Split = {
  n: 40,
  xCols: 1,
  zCols: 1,
  nTrain: 32,
  nHeld: 8,
  batchSize: 8,
  xs: new Float32Array(40),
  zs: new Float32Array(40),
  trainRows: Int32Array.from({ length: 32 }, (_, i) => i),
  heldRows: Int32Array.from({ length: 8 }, (_, i) => 32 + i),
};

/** Evaluations that follow `values` in order (then stay at the last). */
const scripted = (values: number[]) => {
  let i = 0;
  return (): Evaluation => {
    const value = values[Math.min(i++, values.length - 1)]!;
    return { value, joint: new Float32Array([value]), marginal: new Float32Array([0]) };
  };
};

describe('train', () => {
  it('returns the window with the highest mean, not the last one (an over-fitting critic)', async () => {
    // Rises to 0.1, then falls below zero as the critic over-fits; patience counts from step 500.
    const curve = [0.02, 0.06, 0.1, 0.1, 0.09, 0.05, 0, -0.1, -0.2, -0.3, -0.35, -0.4];
    const s = resolveSettings({ steps: 1000, evalEvery: 100, averageLast: 3, patience: 3 });
    const record = await train(idle, split, scripted(curve), s, createRng(0));
    expect(record.curve.map((p) => p.heldOut)).toEqual(curve.slice(0, record.curve.length));
    expect(record.evaluations.map((e) => e.value)).toEqual([0.1, 0.1, 0.09]);
  });

  it('returns the last window while the curve still rises', async () => {
    const curve = [0.5, 1, 1.5, 2, 2.5, 3, 3.2, 3.4, 3.5, 3.6];
    const s = resolveSettings({ steps: 1000, maxSteps: 1000, evalEvery: 100, averageLast: 3 });
    const record = await train(idle, split, scripted(curve), s, createRng(0));
    expect(record.evaluations.map((e) => e.value)).toEqual([3.4, 3.5, 3.6]);
  });
});
