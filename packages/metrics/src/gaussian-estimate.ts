import {
  assertArgument,
  assertNoConstantColumns,
  assertResolvedColumns,
  assertSameRows,
  createRng,
  type MatrixInput,
  permutation,
  toMatrix,
} from '@mine/core/base';
import { gaussianMiFromCovariance } from '@mine/core/math';
import { linearDependenceOf, standardizedScatter } from './linear-dependence.js';

export interface GaussianEstimateOptions {
  /** Bootstrap resamples for the interval and standard error; 0 skips them. @default 200 */
  bootstrap?: number;
  /** Coverage of the percentile bootstrap interval. @default 0.95 */
  confidence?: number;
  /** Seed of the bootstrap resampling. @default 0 */
  seed?: number;
}

export interface GaussianEstimate {
  /** Gaussian mutual information of the sample covariance, nats. */
  mi: number;
  /** Percentile bootstrap interval; [NaN, NaN] when `bootstrap` is 0. */
  ci: [number, number];
  /** Standard deviation of the bootstrap estimates; absent when `bootstrap` is 0. */
  standardError?: number;
}

/** Most bootstrap groups; above this many rows, rows are pooled into random groups. */
const MAX_GROUPS = 1000;

/**
 * The Gaussian (CCA) estimator: fits the sample covariance of (x, z) and returns the mutual
 * information of a Gaussian with that covariance, ½ log(det Σxx det Σzz / det Σ) =
 * −½ Σᵢ log(1 − ρᵢ²) over the canonical correlations ρᵢ. Consistent for jointly Gaussian data; for
 * other data it only sees linear dependence (it can miss nonlinear dependence entirely, or exceed
 * the true MI). It is the plug-in estimate: biased upward by about dx·dz/(2n) nats.
 *
 * The bootstrap resamples sufficient statistics (sums and cross-products), so one resample costs
 * O(groups · d²) rather than O(n · d²): up to 1,000 rows each row is its own group (the ordinary
 * bootstrap); beyond that, rows are dealt at random (seeded) into 1,000 equal groups that are
 * resampled with replacement, which for independent rows estimates the same sampling variance.
 *
 * Rows must outnumber the columns of x and z together; constant or linearly dependent columns
 * make the covariance singular and throw InvalidArgumentError naming `x` or `z`, and so does a z
 * column that is (numerically) a linear function of x, whose MI is infinite (see
 * `LINEAR_DEPENDENCE_BELOW`). Values of any magnitude work: columns are standardised first.
 */
export function gaussianEstimate(
  x: MatrixInput,
  z: MatrixInput,
  options: GaussianEstimateOptions = {},
): GaussianEstimate {
  const { bootstrap = 200, confidence = 0.95, seed = 0 } = options;
  assertArgument(
    Number.isInteger(bootstrap) && bootstrap >= 0,
    'bootstrap',
    () => `must be a non-negative integer, got ${bootstrap}`,
  );
  assertArgument(
    bootstrap === 0 || bootstrap >= 2,
    'bootstrap',
    () => 'needs at least 2 resamples (or 0 to skip the interval)',
  );
  assertArgument(
    confidence > 0 && confidence < 1,
    'confidence',
    () => `must be in (0, 1), got ${confidence}`,
  );
  assertArgument(Number.isFinite(seed), 'seed', () => `must be a finite number, got ${seed}`);
  const xm = toMatrix(x, 'x');
  const zm = toMatrix(z, 'z');
  assertSameRows(xm, zm);
  const n = xm.rows;
  const dx = xm.cols;
  const dz = zm.cols;
  const d = dx + dz;
  assertArgument(
    n > d,
    'x',
    () => `has ${n} rows; the Gaussian estimator needs more rows than x and z have columns (${d})`,
  );
  assertNoConstantColumns(xm, 'x');
  assertNoConstantColumns(zm, 'z');
  assertResolvedColumns(xm, 'x');
  assertResolvedColumns(zm, 'z');

  // Standardised joint rows [n, d] and their scatter matrix: centring and scaling first keep the
  // cross-products finite at any magnitude and well conditioned (the scale does not change the MI).
  const { v, scatter } = standardizedScatter(xm, zm);
  const dependence = linearDependenceOf(scatter, d, dx);
  if (dependence) {
    const { kind, column, residual } = dependence;
    assertArgument(false, kind === 'x' ? 'x' : 'z', () =>
      kind === 'xz'
        ? `column ${column} is (numerically) a linear function of x (${residual.toPrecision(2)} of its variance is left): the mutual information is infinite`
        : `has linearly dependent columns: column ${column} is (numerically) a linear combination of the columns before it, so the sample covariance is singular`,
    );
  }
  const work = new Float64Array(d * d);
  const mi = gaussianMiFromCovariance(scatter, d, dx, work);
  if (bootstrap === 0) return { mi, ci: [Number.NaN, Number.NaN] };

  // Sufficient statistics per group: count, sums and packed lower-triangle cross-products.
  const rng = createRng(seed);
  const groups = Math.min(n, MAX_GROUPS);
  const tri = (d * (d + 1)) / 2;
  const count = new Float64Array(groups);
  const sums = new Float64Array(groups * d);
  const cross = new Float64Array(groups * tri);
  const order = groups === n ? undefined : permutation(n, rng);
  for (let p = 0; p < n; p++) {
    const i = order ? order[p]! : p;
    const g = p % groups;
    const row = i * d;
    count[g]! += 1;
    for (let a = 0; a < d; a++) {
      const va = v[row + a]!;
      sums[g * d + a]! += va;
      const base = g * tri + (a * (a + 1)) / 2;
      for (let b = 0; b <= a; b++) cross[base + b]! += va * v[row + b]!;
    }
  }

  const estimates: number[] = [];
  const m = new Float64Array(d);
  const c = new Float64Array(tri);
  const cov = new Float64Array(d * d);
  for (let r = 0; r < bootstrap; r++) {
    m.fill(0);
    c.fill(0);
    let total = 0;
    for (let t = 0; t < groups; t++) {
      const g = rng.int(groups);
      total += count[g]!;
      for (let a = 0; a < d; a++) m[a] = m[a]! + sums[g * d + a]!;
      const base = g * tri;
      for (let e = 0; e < tri; e++) c[e] = c[e]! + cross[base + e]!;
    }
    for (let a = 0; a < d; a++) {
      for (let b = 0; b <= a; b++) {
        cov[a * d + b] = c[(a * (a + 1)) / 2 + b]! - (m[a]! * m[b]!) / total;
      }
    }
    const value = gaussianMiFromCovariance(cov, d, dx, work);
    // A resample can be singular (few distinct rows); it carries no estimate.
    if (!Number.isNaN(value)) estimates.push(value);
  }
  if (estimates.length < 2) return { mi, ci: [Number.NaN, Number.NaN], standardError: Number.NaN };
  estimates.sort((a, b) => a - b);
  const alpha = 1 - confidence;
  let sum = 0;
  for (const e of estimates) sum += e;
  const avg = sum / estimates.length;
  let ss = 0;
  for (const e of estimates) ss += (e - avg) ** 2;
  return {
    mi,
    ci: [quantile(estimates, alpha / 2), quantile(estimates, 1 - alpha / 2)],
    standardError: Math.sqrt(ss / (estimates.length - 1)),
  };
}

/** Linear-interpolation quantile of an ascending array. */
function quantile(sorted: readonly number[], q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}
