import { describe, expect, it } from 'vitest';
import {
  cholesky,
  choleskyLogDet,
  componentwiseGaussianMi,
  gaussianMiFromCovariance,
  logDetFromCholesky,
} from './linalg.js';

/** Covariance of (X, Z) ∈ R^(d+d) with corr(X_i, Z_j) = δ_ij ρ. */
function componentwise(d: number, rho: number): Float64Array {
  const cov = new Float64Array(4 * d * d);
  for (let i = 0; i < 2 * d; i++) cov[i * 2 * d + i] = 1;
  for (let i = 0; i < d; i++) {
    cov[i * 2 * d + d + i] = rho;
    cov[(d + i) * 2 * d + i] = rho;
  }
  return cov;
}

describe('cholesky', () => {
  it('factors a known SPD matrix', () => {
    const a = [4, 12, -16, 12, 37, -43, -16, -43, 98];
    const l = cholesky(a, 3)!;
    expect(Array.from(l)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
    expect(logDetFromCholesky(l, 3)).toBeCloseTo(Math.log(36), 14);
    expect(choleskyLogDet(a, 3, 0, 3)).toBeCloseTo(Math.log(36), 14);
  });

  it('is undefined (NaN log det) when not positive definite', () => {
    expect(cholesky([1, 2, 2, 1], 2)).toBeUndefined();
    expect(cholesky([1, 1, 1, 1], 2)).toBeUndefined();
    expect(choleskyLogDet([1, 2, 2, 1], 2, 0, 2)).toBeNaN();
  });

  it('takes the log det of a principal block in place', () => {
    const a = [4, 12, -16, 12, 37, -43, -16, -43, 98];
    // Block rows/columns 1..2: [[37, -43], [-43, 98]], det = 37·98 − 43² = 1777.
    expect(choleskyLogDet(a, 3, 1, 2, new Float64Array(4))).toBeCloseTo(Math.log(1777), 13);
  });
});

describe('Gaussian mutual information', () => {
  it('gives the bivariate closed form', () => {
    const rho = 0.6;
    expect(gaussianMiFromCovariance([1, rho, rho, 1], 2, 1)).toBeCloseTo(
      -0.5 * Math.log(1 - rho * rho),
      14,
    );
  });

  it('from the covariance equals −d/2 log(1 − ρ²) for componentwise correlation', () => {
    for (const d of [1, 2, 5, 20]) {
      for (const rho of [-0.99, -0.5, 0, 0.3, 0.9]) {
        const closed = componentwiseGaussianMi(d, rho);
        expect(closed).toBeCloseTo((-d / 2) * Math.log(1 - rho * rho), 12);
        const fromCov = gaussianMiFromCovariance(componentwise(d, rho), 2 * d, d);
        expect(Math.abs(fromCov - closed)).toBeLessThan(1e-10 * Math.max(1, closed));
      }
    }
  });

  it('is NaN when the covariance is not positive definite', () => {
    expect(gaussianMiFromCovariance([1, 2, 2, 1], 2, 1)).toBeNaN();
  });
});
