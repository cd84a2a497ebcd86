// Helpers shared by this package's tests (not published).
import { InvalidArgumentError } from '@mine/core/base';

/** Column means of a row-major [n, d] matrix. */
export function columnMeans(values: ArrayLike<number>, d: number): Float64Array {
  const n = values.length / d;
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) mean[j] = mean[j]! + values[r * d + j]!;
  }
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / n;
  return mean;
}

/** Sample covariance [d, d] (flat, row-major) of the concatenation [x | z]. */
export function jointCovariance(
  x: ArrayLike<number>,
  xDim: number,
  z: ArrayLike<number>,
  zDim: number,
): Float64Array {
  const n = x.length / xDim;
  const d = xDim + zDim;
  const row = new Float64Array(d);
  const mean = new Float64Array(d);
  const cov = new Float64Array(d * d);
  const mx = columnMeans(x, xDim);
  const mz = columnMeans(z, zDim);
  mean.set(mx, 0);
  mean.set(mz, xDim);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < xDim; j++) row[j] = x[r * xDim + j]! - mean[j]!;
    for (let j = 0; j < zDim; j++) row[xDim + j] = z[r * zDim + j]! - mean[xDim + j]!;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) cov[i * d + j] = cov[i * d + j]! + row[i]! * row[j]!;
    }
  }
  for (let i = 0; i < d * d; i++) cov[i] = cov[i]! / (n - 1);
  return cov;
}

/** Correlation matrix from a covariance matrix. */
export function toCorrelation(cov: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      out[i * d + j] = cov[i * d + j]! / Math.sqrt(cov[i * d + i]! * cov[j * d + j]!);
    }
  }
  return out;
}

/** Largest |a_i − b_i|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/**
 * Best of up to `repeats` wall-clock timings (ms) of fn after one warm-up call, stopping early
 * once a run takes less than `goodEnough` ms.
 */
export function bestTime(fn: () => void, repeats = 3, goodEnough = 0): number {
  fn();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeats && best >= goodEnough; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** Runs fn and returns the InvalidArgumentError's `argument`, or undefined if fn did not throw one. */
export function thrownArgument(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error.argument;
    throw error;
  }
  return undefined;
}

/**
 * Largest |Ĉ_ij − C_ij| / SE_ij over all entries, with SE_ij = √((C_ii C_jj + C_ij²) / n) the
 * standard error of a Gaussian sample covariance from n rows.
 */
export function covarianceZScore(
  estimate: ArrayLike<number>,
  expected: ArrayLike<number>,
  d: number,
  n: number,
): number {
  let worst = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const c = expected[i * d + j]!;
      const se = Math.sqrt((expected[i * d + i]! * expected[j * d + j]! + c * c) / n);
      worst = Math.max(worst, Math.abs(estimate[i * d + j]! - c) / se);
    }
  }
  return worst;
}

/** Exact element-wise equality of two typed arrays (fast, unlike deep equality on 1e5 items). */
export function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
