import { estimateMutualInformation, type Sampler } from '@mine/core';
import { correlatedGaussians, type EquitabilityFunction, equitability } from '@mine/datasets';

/** A sampler described by plain data, so it can cross into a worker thread. */
export type DatasetSpec =
  | { kind: 'correlated-gaussians'; dim: number; rho: number }
  | { kind: 'equitability'; f: EquitabilityFunction; sigma: number; dim: number };

export type Method = 'mine' | 'mine-f' | 'ksg';

/** What every neural run is given explicitly (nothing is left to the library defaults). */
export interface NeuralSettings {
  steps: number;
  batchSize: number;
  hidden: number[];
  learningRate: number;
  /** Learning-rate schedule over the steps. */
  schedule: 'constant' | 'cosine';
  /** Shuffles of the held-out z per evaluation. */
  evalNegatives: number;
  /** Evaluate the held-out bound every this many steps. */
  evalEvery: number;
  /** Average the last this many held-out evaluations. */
  averageLast: number;
  /** Early stopping patience in evaluations; 0 trains all steps. */
  patience: number;
  /** Bootstrap resamples for the interval. */
  bootstrap: number;
}

export interface KsgSettings {
  /** Neighbours. */
  k: number;
}

/** One independent estimate: draw `n` rows of `dataset` with `seed`, estimate with `method`. */
export interface Task {
  id: number;
  dataset: DatasetSpec;
  n: number;
  seed: number;
  method: Method;
  neural: NeuralSettings;
  ksg: KsgSettings;
}

export interface TaskResult {
  id: number;
  /** Nats. */
  estimate: number;
  ci: [number, number];
  seconds: number;
  /** Training steps taken (neural methods). */
  steps?: number;
  warnings: string[];
  backend: string;
}

/** Where fig1 and fig2 run their tasks (see `runTasks`). */
export const TASK_RUNNER = { module: new URL(import.meta.url), name: 'runTask' };

export function samplerOf(spec: DatasetSpec): Sampler {
  return spec.kind === 'correlated-gaussians'
    ? correlatedGaussians({ dim: spec.dim, rho: spec.rho })
    : equitability({ f: spec.f, sigma: spec.sigma, dim: spec.dim });
}

/** Runs one task on the backend already selected in this thread. */
export async function runTask(task: Task, backend: string): Promise<TaskResult> {
  const sampler = samplerOf(task.dataset);
  const { n, x, z } = sampler.sample(task.n, task.seed);
  const xm = { data: x, rows: n, cols: sampler.xDim };
  const zm = { data: z, rows: n, cols: sampler.zDim };
  const started = performance.now();
  if (task.method === 'ksg') {
    // Loaded on first use; one KSG per worker thread, since the pool already spreads runs over cores.
    const { ksg } = await import('@mine/metrics');
    const r = await ksg(xm, zm, { k: task.ksg.k, workers: 1, seed: task.seed });
    return {
      id: task.id,
      estimate: r.mi,
      ci: [r.ci[0], r.ci[1]],
      seconds: (performance.now() - started) / 1000,
      warnings: [],
      backend: 'js',
    };
  }
  const r = await estimateMutualInformation(xm, zm, {
    estimator: task.method,
    ...task.neural,
    seed: task.seed,
  });
  return {
    id: task.id,
    estimate: r.mi,
    ci: r.ci,
    seconds: r.seconds,
    steps: r.steps,
    warnings: r.warnings,
    backend: r.backend ?? backend,
  };
}
