import type { Matrix, MiEstimate } from '@mine/core';
import type { BackendName } from '@mine/core/backend';
import type { EstimatorName } from './estimator-names.js';

export interface RunOptions {
  unit: 'nats' | 'bits';
  seed?: number;
  /** ksg: neighbours. */
  k?: number;
  steps?: number;
  maxSteps?: number;
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

/** What an estimator returns (`MiEstimate`), with the training steps of neural ones. */
export type EstimatorResult = MiEstimate & { steps?: number };

/**
 * Runs one estimator from the registry (@mine/core's neural estimators, @mine/metrics' KSG and
 * Gaussian) on the selected columns; neural ones select a tfjs backend first. This module is
 * imported lazily, so help and bad input never wait for a backend or the estimators to load.
 */
export async function runEstimator(
  name: EstimatorName,
  x: Matrix,
  z: Matrix,
  options: RunOptions,
): Promise<EstimatorResult> {
  const [{ estimatorRegistry, neuralEstimators, optionsFor }, { referenceEstimators }] =
    await Promise.all([import('@mine/core'), import('@mine/metrics')]);
  const estimator = estimatorRegistry([...neuralEstimators(), ...referenceEstimators()]).get(name);
  if (estimator.kind === 'neural') {
    const { selectBackend } = await import('@mine/core/backend');
    await selectBackend(options.backend, {
      quiet: options.quiet,
      threads: options.threads,
      log: (message) => process.stderr.write(`${message}\n`),
    });
  }
  const { backend: _, threads: __, quiet: ___, ...estimateOptions } = options;
  return estimator.estimate(x, z, optionsFor(estimator, estimateOptions));
}
