import { InvalidArgumentError } from '@mine/core/base';
import { describe, expect, it } from 'vitest';
import { gaussianMutualInformation } from './gaussian-mutual-information.js';

/** Covariance of (x, z), x, z ∈ R^d standard normal with corr(x_i, z_j) = δ_ij ρ. */
function componentwise(d: number, rho: number): number[][] {
  const cov = Array.from({ length: 2 * d }, () => new Array<number>(2 * d).fill(0));
  for (let i = 0; i < 2 * d; i++) cov[i]![i] = 1;
  for (let i = 0; i < d; i++) {
    cov[i]![d + i] = rho;
    cov[d + i]![i] = rho;
  }
  return cov;
}

describe('gaussianMutualInformation', () => {
  it('equals −d/2 log(1 − ρ²) for componentwise-correlated Gaussians', () => {
    for (const d of [1, 2, 5, 20]) {
      for (const rho of [-0.99, -0.5, 0, 0.3, 0.9, 0.999]) {
        const expected = (-d / 2) * Math.log(1 - rho * rho);
        const mi = gaussianMutualInformation(componentwise(d, rho), d);
        expect(Math.abs(mi - expected)).toBeLessThan(1e-10 * Math.max(1, expected));
      }
    }
  });

  it('is invariant to scaling each coordinate and accepts a Matrix', () => {
    const scales = [2, 0.5, 10, 3];
    const cov = componentwise(2, 0.7);
    const data = new Float64Array(16);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) data[i * 4 + j] = cov[i]![j]! * scales[i]! * scales[j]!;
    }
    expect(gaussianMutualInformation({ data, rows: 4, cols: 4 }, 2)).toBeCloseTo(
      -Math.log(1 - 0.49),
      12,
    );
  });

  it('handles unequal block sizes', () => {
    // x = (x1, x2), z = x1 + noise with var 1: I = ½ log(2).
    const cov = [
      [1, 0, 1],
      [0, 1, 0],
      [1, 0, 2],
    ];
    expect(gaussianMutualInformation(cov, 2)).toBeCloseTo(0.5 * Math.log(2), 14);
  });

  it('rejects a covariance that is not positive definite', () => {
    const singular = [
      [1, 1],
      [1, 1],
    ];
    expect(() => gaussianMutualInformation(singular, 1)).toThrow(/covariance.*positive definite/);
    const indefinite = [
      [1, 2],
      [2, 1],
    ];
    expect(() => gaussianMutualInformation(indefinite, 1)).toThrow(InvalidArgumentError);
  });

  it('names the bad argument', () => {
    const error = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as InvalidArgumentError;
      }
      throw new Error('did not throw');
    };
    expect(error(() => gaussianMutualInformation(componentwise(1, 0.5), 0)).argument).toBe('xDim');
    expect(error(() => gaussianMutualInformation(componentwise(1, 0.5), 2)).argument).toBe('xDim');
    expect(error(() => gaussianMutualInformation([[1, 0, 0]], 1)).argument).toBe('covariance');
    expect(
      error(() =>
        gaussianMutualInformation(
          [
            [1, 0.5],
            [0.4, 1],
          ],
          1,
        ),
      ).message,
    ).toMatch(/symmetric/);
    expect(
      error(() =>
        gaussianMutualInformation(
          [
            [1, Number.NaN],
            [0, 1],
          ],
          1,
        ),
      ).argument,
    ).toBe('covariance');
  });
});
