import { InvalidArgumentError } from '@mine/core/base';
import { describe, expect, it } from 'vitest';
import { choleskyOrThrow, gaussianMutualInformation, readSymmetric } from './linalg.js';

const thrownArgument = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (InvalidArgumentError.isInstance(e)) return e.argument;
    throw e;
  }
  return undefined;
};

describe('linalg', () => {
  it('factors a known SPD matrix given as rows', () => {
    const a = readSymmetric(
      [
        [4, 12, -16],
        [12, 37, -43],
        [-16, -43, 98],
      ],
      'a',
    );
    expect(Array.from(choleskyOrThrow(a, 'a'))).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it('names the argument when a matrix is not positive definite', () => {
    expect(
      thrownArgument(() => choleskyOrThrow(readSymmetric([1, 2, 2, 1], 'a'), 'dispersion')),
    ).toBe('dispersion');
    expect(
      thrownArgument(() => gaussianMutualInformation(readSymmetric([1, 1, 1, 1], 'a'), 1, 'cov')),
    ).toBe('cov');
  });

  it('rejects non-square, non-symmetric and non-finite input, naming the argument', () => {
    for (const bad of [
      [[1, 0], [0]],
      [1, 2, 3],
      [1, 0.5, 0.4, 1],
      [1, Number.NaN, Number.NaN, 1],
    ]) {
      expect(thrownArgument(() => readSymmetric(bad as number[], 'covariance'))).toBe('covariance');
    }
  });

  it('gives the bivariate Gaussian MI', () => {
    const rho = 0.6;
    const mi = gaussianMutualInformation(readSymmetric([1, rho, rho, 1], 'c'), 1, 'c');
    expect(mi).toBeCloseTo(-0.5 * Math.log(1 - rho * rho), 14);
  });
});
