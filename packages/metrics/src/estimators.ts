// KSG and the Gaussian estimator behind @mine/core's estimator interface (MiEstimator), so that
// command lines and benchmarks call every estimator the same way.
import {
  assertKnownOptions,
  assertUnit,
  type CommonEstimateOptions,
  inUnit,
  type MatrixInput,
  type MiEstimate,
  type MiEstimator,
  toMatrix,
  type Unit,
  withDefaults,
} from '@mine/core/base';
import { type GaussianEstimateOptions, gaussianEstimate } from './gaussian-estimate.js';
import { type KsgOptions, ksg } from './ksg/ksg.js';

export type KsgEstimateOptions = CommonEstimateOptions & KsgOptions;
export type GaussianEstimatorOptions = CommonEstimateOptions & GaussianEstimateOptions;

const KSG_OPTIONS = ['unit', 'seed', 'k', 'workers', 'noise'];
const GAUSSIAN_OPTIONS = ['unit', 'seed', 'bootstrap', 'confidence'];

function result(
  name: string,
  nats: { mi: number; ci: [number, number] },
  n: number,
  unit: Unit,
  started: number,
): MiEstimate {
  return {
    mi: inUnit(nats.mi, unit),
    unit,
    ci: [inUnit(nats.ci[0], unit), inUnit(nats.ci[1], unit)],
    estimator: name,
    n,
    seconds: (performance.now() - started) / 1000,
    backend: 'js',
    warnings: [],
  };
}

/**
 * KSG (`ksg`) as an estimator: `ksgEstimator({ k: 5 }).estimate(x, z)`. Options (and their
 * defaults) are `ksg`'s, plus `unit` (@default 'nats'); the interval is mi ± 1.96 standard errors.
 */
export function ksgEstimator(defaults: KsgEstimateOptions = {}): MiEstimator<KsgEstimateOptions> {
  return {
    name: 'ksg',
    description: 'KSG: Kraskov-Stögbauer-Grassberger k-nearest-neighbour estimator',
    kind: 'reference',
    options: KSG_OPTIONS,
    async estimate(x: MatrixInput, z: MatrixInput, options: KsgEstimateOptions = {}) {
      const started = performance.now();
      const { unit = 'nats', ...o } = withDefaults(defaults, options);
      assertKnownOptions(o, KSG_OPTIONS);
      assertUnit(unit);
      const r = await ksg(x, z, o);
      return result('ksg', r, r.n, unit, started);
    },
  };
}

/**
 * The Gaussian (CCA) estimator (`gaussianEstimate`) as an estimator. Options (and their defaults)
 * are `gaussianEstimate`'s, plus `unit` (@default 'nats'); the interval is a percentile bootstrap.
 */
export function gaussianEstimator(
  defaults: GaussianEstimatorOptions = {},
): MiEstimator<GaussianEstimatorOptions> {
  return {
    name: 'gaussian',
    description: 'Gaussian (CCA): MI of a Gaussian fitted to the sample covariance',
    kind: 'reference',
    options: GAUSSIAN_OPTIONS,
    async estimate(x: MatrixInput, z: MatrixInput, options: GaussianEstimatorOptions = {}) {
      const started = performance.now();
      const { unit = 'nats', ...o } = withDefaults(defaults, options);
      assertKnownOptions(o, GAUSSIAN_OPTIONS);
      assertUnit(unit);
      const xm = toMatrix(x, 'x');
      const r = gaussianEstimate(xm, z, o);
      return result('gaussian', r, xm.rows, unit, started);
    },
  };
}

/** The reference estimators of this package, for a registry. */
export function referenceEstimators(): MiEstimator[] {
  return [ksgEstimator(), gaussianEstimator()];
}
