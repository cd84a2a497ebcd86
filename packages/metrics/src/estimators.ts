// KSG and the Gaussian estimator behind @mine/core's estimator interface (MiEstimator), so that
// command lines and benchmarks call every estimator the same way.
import {
  assertKnownOptions,
  assertUnit,
  type CommonEstimateOptions,
  inUnit,
  type MatrixInput,
  type MiEstimator,
  toMatrix,
  withDefaults,
} from '@mine/core/base';
import { type GaussianEstimateOptions, gaussianEstimate } from './gaussian-estimate.js';
import { type KsgOptions, ksg } from './ksg/ksg.js';

export type KsgEstimateOptions = CommonEstimateOptions & KsgOptions;
export type GaussianEstimatorOptions = CommonEstimateOptions & GaussianEstimateOptions;

/** An estimator that needs no tfjs: `run` returns nats and the rows used. */
function referenceEstimator<O extends CommonEstimateOptions>(
  info: { name: string; description: string; options: readonly string[] },
  defaults: O,
  run: (
    x: MatrixInput,
    z: MatrixInput,
    options: Omit<O, 'unit'>,
  ) => Promise<{ mi: number; ci: [number, number]; n: number }>,
): MiEstimator<O> {
  return {
    ...info,
    kind: 'reference',
    async estimate(x, z, options = {} as O) {
      const started = performance.now();
      const { unit = 'nats', ...rest } = withDefaults(defaults, options);
      assertKnownOptions(rest, info.options);
      assertUnit(unit);
      const r = await run(x, z, rest);
      return {
        mi: inUnit(r.mi, unit),
        unit,
        ci: [inUnit(r.ci[0], unit), inUnit(r.ci[1], unit)],
        estimator: info.name,
        n: r.n,
        seconds: (performance.now() - started) / 1000,
        backend: 'js',
        warnings: [],
      };
    },
  };
}

/**
 * KSG (`ksg`) as an estimator: `ksgEstimator({ k: 5 }).estimate(x, z)`. Options (and their
 * defaults) are `ksg`'s, plus `unit` (@default 'nats'); the interval is mi ± 1.96 standard errors.
 */
export function ksgEstimator(defaults: KsgEstimateOptions = {}): MiEstimator<KsgEstimateOptions> {
  return referenceEstimator(
    {
      name: 'ksg',
      description: 'KSG: Kraskov-Stögbauer-Grassberger k-nearest-neighbour estimator',
      options: ['unit', 'seed', 'k', 'workers', 'noise'],
    },
    defaults,
    (x, z, options) => ksg(x, z, options),
  );
}

/**
 * The Gaussian (CCA) estimator (`gaussianEstimate`) as an estimator. Options (and their defaults)
 * are `gaussianEstimate`'s, plus `unit` (@default 'nats'); the interval is a percentile bootstrap.
 */
export function gaussianEstimator(
  defaults: GaussianEstimatorOptions = {},
): MiEstimator<GaussianEstimatorOptions> {
  return referenceEstimator(
    {
      name: 'gaussian',
      description: 'Gaussian (CCA): MI of a Gaussian fitted to the sample covariance',
      options: ['unit', 'seed', 'bootstrap', 'confidence'],
    },
    defaults,
    async (x, z, options) => {
      const xm = toMatrix(x, 'x');
      return { ...gaussianEstimate(xm, z, options), n: xm.rows };
    },
  );
}

/** The reference estimators of this package, for a registry. */
export function referenceEstimators(): MiEstimator[] {
  return [ksgEstimator(), gaussianEstimator()];
}
