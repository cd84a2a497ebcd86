import {
  assertArgument,
  assertNoConstantColumns,
  assertSameRows,
  createRng,
  type MatrixInput,
  permutation,
  toMatrix,
} from '@mine/core/base';
import { choleskyLogDet, gaussianMiFromCovariance } from '@mine/core/math';

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
 * make the covariance singular and throw InvalidArgumentError naming `x` or `z`.
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

  // Centered joint rows [n, d] (centering first keeps the cross-products well conditioned).
  const v = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dx; j++) v[i * d + j] = xm.data[i * dx + j]!;
    for (let j = 0; j < dz; j++) v[i * d + dx + j] = zm.data[i * dz + j]!;
  }
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = mean[j]! + v[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j]! /= n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) v[i * d + j] = v[i * d + j]! - mean[j]!;

  // Scatter matrix, lower triangle of a full [d, d] buffer (the scale does not change the MI).
  const scatter = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let a = 0; a < d; a++) {
      const va = v[row + a]!;
      for (let b = 0; b <= a; b++) scatter[a * d + b]! += va * v[row + b]!;
    }
  }
  const work = new Float64Array(d * d);
  const mi = gaussianMiFromCovariance(scatter, d, dx, work);
  if (Number.isNaN(mi)) {
    const singular = (offset: number, dim: number) =>
      Number.isNaN(choleskyLogDet(scatter, d, offset, dim, work));
    const argument = singular(0, dx) ? 'x' : 'z';
    assertArgument(false, argument, () =>
      argument === 'x'
        ? 'has linearly dependent columns: the sample covariance is singular'
        : singular(dx, dz)
          ? 'has linearly dependent columns: the sample covariance is singular'
          : 'is (numerically) a linear function of x: the joint sample covariance is singular',
    );
  }
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
