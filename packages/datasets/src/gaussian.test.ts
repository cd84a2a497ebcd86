import { describe, expect, it } from 'vitest';
import { correlatedGaussians } from './correlated-gaussians.js';
import { gaussian } from './gaussian.js';
import {
  columnMeans,
  covarianceZScore,
  jointCovariance,
  maxAbsDiff,
  thrownArgument,
} from './test-utils.js';

/** [[I, ρI], [ρI, I]], the Sec. 4.1 covariance, as rows. */
function blockCovariance(dim: number, rho: number): number[][] {
  return Array.from({ length: 2 * dim }, (_, i) =>
    Array.from({ length: 2 * dim }, (_, j) => (i === j ? 1 : Math.abs(i - j) === dim ? rho : 0)),
  );
}

describe('gaussian', () => {
  it('with the block covariance [[I, ρI], [ρI, I]] equals correlatedGaussians', () => {
    for (const [dim, rho] of [
      [1, 0.75],
      [4, -0.3],
      [20, 0.9],
    ] as const) {
      const g = gaussian({ covariance: blockCovariance(dim, rho), xDim: dim });
      const c = correlatedGaussians({ dim, rho });
      expect(g.xDim).toBe(dim);
      expect(g.zDim).toBe(dim);
      expect(g.mutualInformation()).toBeCloseTo(c.mutualInformation(), 12);
    }
    // Same distribution: equal second moments on 20,000 rows (SE ≤ 0.01 per entry).
    const g = gaussian({ covariance: blockCovariance(2, 0.6), xDim: 2 }).sample(20_000, 1);
    const c = correlatedGaussians({ dim: 2, rho: 0.6 }).sample(20_000, 2);
    expect(
      maxAbsDiff(jointCovariance(g.x, 2, g.z, 2), jointCovariance(c.x, 2, c.z, 2)),
    ).toBeLessThan(0.06);
  });

  it('matches a general covariance and mean on 20,000 rows (within 4.5 standard errors)', () => {
    // A dense 3+2 covariance with unequal variances, flat row-major.
    const cov = [
      [2.0, 0.3, -0.4, 0.5, 0.1],
      [0.3, 1.0, 0.2, -0.3, 0.0],
      [-0.4, 0.2, 1.5, 0.2, 0.4],
      [0.5, -0.3, 0.2, 1.2, -0.2],
      [0.1, 0.0, 0.4, -0.2, 0.8],
    ];
    const mean = [1, -2, 0, 0.5, 3];
    const sampler = gaussian({ covariance: cov.flat(), xDim: 3, mean });
    const { x, z } = sampler.sample(20_000, 7);
    // SE of a covariance entry: √((C_ii C_jj + C_ij²)/n) ≤ 0.02 here; of a mean: √(C_ii/n) ≤ 0.01.
    expect(covarianceZScore(jointCovariance(x, 3, z, 2), cov.flat(), 5, 20_000)).toBeLessThan(4.5);
    expect(maxAbsDiff([...columnMeans(x, 3), ...columnMeans(z, 2)], mean)).toBeLessThan(0.045);
  });

  it('computes ½ log(det Σxx det Σzz / det Σ)', () => {
    // 2x2 blocks with known determinants: Σxx = Σzz = [[1, .5], [.5, 1]] (det .75),
    // cross block diag(.5, 0): det Σ = .75 · det(Σzz − Σzx Σxx⁻¹ Σxz).
    const cov = [
      [1, 0.5, 0.5, 0],
      [0.5, 1, 0, 0],
      [0.5, 0, 1, 0.5],
      [0, 0, 0.5, 1],
    ];
    // Σxx⁻¹ = (4/3)[[1, -.5], [-.5, 1]]; Σzx Σxx⁻¹ Σxz = .25 · (4/3) · [[1,0],[0,0]] = [[1/3,0],[0,0]].
    const schurDet = (1 - 1 / 3) * 1 - 0.25;
    const expected = 0.5 * Math.log(0.75 / schurDet);
    expect(gaussian({ covariance: cov, xDim: 2 }).mutualInformation()).toBeCloseTo(expected, 12);
    const identity = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    expect(gaussian({ covariance: identity, xDim: 1 }).mutualInformation()).toBe(0);
  });

  it('is reproducible per seed', () => {
    const s = gaussian({ covariance: blockCovariance(3, 0.5), xDim: 3 });
    expect(s.sample(64, 1)).toEqual(s.sample(64, 1));
    expect(s.sample(64, 1).z).not.toEqual(s.sample(64, 2).z);
  });

  it('rejects bad options, naming the argument', () => {
    const notPd = [
      [1, 0.9, 0.9],
      [0.9, 1, -0.9],
      [0.9, -0.9, 1],
    ];
    expect(thrownArgument(() => gaussian({ covariance: notPd, xDim: 1 }))).toBe('covariance');
    expect(thrownArgument(() => gaussian({ covariance: [1, 1, 1, 1], xDim: 1 }))).toBe(
      'covariance',
    );
    expect(thrownArgument(() => gaussian({ covariance: [1, 0.2, 0.3, 1], xDim: 1 }))).toBe(
      'covariance',
    );
    expect(thrownArgument(() => gaussian({ covariance: [1, 0, 0], xDim: 1 }))).toBe('covariance');
    expect(thrownArgument(() => gaussian({ covariance: [1, 0, 0, 1], xDim: 2 }))).toBe('xDim');
    expect(thrownArgument(() => gaussian({ covariance: [1, 0, 0, 1], xDim: 0 }))).toBe('xDim');
    expect(thrownArgument(() => gaussian({ covariance: [1, 0, 0, 1], xDim: 1, mean: [0] }))).toBe(
      'mean',
    );
  });
});
