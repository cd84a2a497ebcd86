import { InvalidArgumentError } from '@mine/core/base';
import { describe, expect, it } from 'vitest';
import {
  cholesky,
  gaussianMutualInformation,
  logDetFromCholesky,
  readSymmetric,
} from './linalg.js';

describe('linalg', () => {
  it('factors a known SPD matrix', () => {
    const a = readSymmetric(
      [
        [4, 12, -16],
        [12, 37, -43],
        [-16, -43, 98],
      ],
      'a',
    );
    const l = cholesky(a)!;
    expect(Array.from(l)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
    expect(logDetFromCholesky(l, 3)).toBeCloseTo(Math.log(36), 14);
  });

  it('returns undefined when not positive definite', () => {
    expect(cholesky(readSymmetric([1, 2, 2, 1], 'a'))).toBeUndefined();
    expect(cholesky(readSymmetric([1, 1, 1, 1], 'a'))).toBeUndefined();
  });

  it('rejects non-square, non-symmetric and non-finite input, naming the argument', () => {
    for (const bad of [
      [[1, 0], [0]],
      [1, 2, 3],
      [1, 0.5, 0.4, 1],
      [1, Number.NaN, Number.NaN, 1],
    ]) {
      let error: unknown;
      try {
        readSymmetric(bad as number[], 'covariance');
      } catch (e) {
        error = e;
      }
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe('covariance');
    }
  });

  it('gives the bivariate Gaussian MI', () => {
    const rho = 0.6;
    const mi = gaussianMutualInformation(readSymmetric([1, rho, rho, 1], 'c'), 1, 'c');
    expect(mi).toBeCloseTo(-0.5 * Math.log(1 - rho * rho), 14);
  });
});
