import { estimatorRegistry, type NeuralEstimator, neuralEstimators, optionsFor } from '@mine/core';
import { groundTruthSuite } from '@mine/datasets';
import { referenceEstimators } from '@mine/metrics';
import { round } from '../timing.js';
import type { BenchOptions } from '../types.js';

export const id = 'B5';
export const title = 'Accuracy over the ground-truth suite: |error| ≤ max(0.1 nats, 10% of truth)';

const NEURAL: readonly NeuralEstimator[] = ['mine', 'mine-f', 'infonce', 'smile'];
const ESTIMATORS = [...NEURAL, 'ksg', 'gaussian'] as const;
type EstimatorName = (typeof ESTIMATORS)[number];

export const passes = (estimate: number, truth: number) =>
  Math.abs(estimate - truth) <= Math.max(0.1, 0.1 * truth);

export async function run({ quick, seed, log }: BenchOptions) {
  const estimators = estimatorRegistry([...neuralEstimators(), ...referenceEstimators()]);
  // A budget that fits a 2-core machine: the full suite × 4 neural estimators in well under an hour.
  const n = quick ? 2000 : 5000;
  const steps = quick ? 300 : 1500;
  const tasks = quick ? groundTruthSuite().slice(0, 4) : groundTruthSuite();
  const rows: {
    task: string;
    truth: number;
    estimator: EstimatorName;
    estimate: number;
    error: number;
    pass: boolean;
    seconds: number;
  }[] = [];
  for (const task of tasks) {
    const batch = task.sample(n, seed);
    const x = { data: batch.x, shape: [n, task.xDim] as [number, number] };
    const z = { data: batch.z, shape: [n, task.zDim] as [number, number] };
    const truth = task.mutualInformation();
    for (const estimator of ESTIMATORS) {
      const e = estimators.get(estimator);
      // Neural estimators take the benchmark's step budget; the reference ones have none.
      const result = await e.estimate(x, z, optionsFor(e, { seed, steps }));
      const estimate = result.mi;
      const seconds = result.seconds;
      const pass = passes(estimate, truth);
      rows.push({
        task: task.name,
        truth: round(truth, 4),
        estimator,
        estimate: round(estimate, 4),
        error: round(estimate - truth, 4),
        pass,
        seconds: round(seconds, 2),
      });
      log(
        `B5 ${task.name} ${estimator}: ${estimate.toFixed(3)} (truth ${truth.toFixed(3)}) ${pass ? 'pass' : 'FAIL'}`,
      );
    }
  }
  const passCount = Object.fromEntries(
    ESTIMATORS.map((e) => [e, rows.filter((r) => r.estimator === e && r.pass).length]),
  );
  return { passCount, tasks: tasks.length, rows, config: { n, steps, seed } };
}
