import { estimateMutualInformation, type Matrix, type NeuralEstimator } from '@mine/core';
import { type BackendName, selectBackend } from '@mine/core/backend';
import { type EstimatorName, isNeural } from './estimator-names.js';

export interface RunOptions {
  unit: 'nats' | 'bits';
  seed?: number;
  /** ksg: neighbours. */
  k?: number;
  steps?: number;
  batchSize?: number;
  learningRate?: number;
  hidden?: readonly number[];
  backend?: BackendName;
  /** Threads of the wasm backend. */
  threads?: number;
  /** Do not announce the backend on stderr. */
  quiet: boolean;
  onProgress?: (event: { step: number; steps: number; heldOut?: number }) => void;
  signal?: AbortSignal;
}

export interface EstimatorResult {
  mi: number;
  ci: [number, number];
  backend: string;
  seconds: number;
  warnings: string[];
  /** Training steps taken (neural estimators). */
  steps?: number;
}

/**
 * Runs one estimator on the selected columns; neural ones select a tfjs backend first. This
 * module is imported lazily, and @mine/metrics only for ksg/gaussian, so help and bad input
 * never wait for a backend or @mine/metrics to load.
 */
export async function runEstimator(
  name: EstimatorName,
  x: Matrix,
  z: Matrix,
  options: RunOptions,
): Promise<EstimatorResult> {
  if (isNeural(name)) {
    await selectBackend(options.backend, {
      quiet: options.quiet,
      threads: options.threads,
      log: (message) => process.stderr.write(`${message}\n`),
    });
    const result = await estimateMutualInformation(x, z, {
      estimator: name as NeuralEstimator,
      steps: options.steps,
      batchSize: options.batchSize,
      learningRate: options.learningRate,
      hidden: options.hidden,
      seed: options.seed,
      unit: options.unit,
      onProgress: options.onProgress,
      signal: options.signal,
    });
    return {
      mi: result.mi,
      ci: result.ci,
      backend: result.backend,
      seconds: result.seconds,
      warnings: result.warnings,
      steps: result.steps,
    };
  }
  const { gaussianEstimate, ksg } = await import('@mine/metrics');
  const started = performance.now();
  const scale = options.unit === 'bits' ? 1 / Math.LN2 : 1;
  const result =
    name === 'ksg'
      ? await ksg(x, z, { k: options.k, seed: options.seed })
      : gaussianEstimate(x, z, { seed: options.seed });
  return {
    mi: result.mi * scale,
    ci: [result.ci[0] * scale, result.ci[1] * scale],
    backend: 'js',
    seconds: (performance.now() - started) / 1000,
    warnings: [],
  };
}
