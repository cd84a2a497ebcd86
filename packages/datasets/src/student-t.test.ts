import { lgamma } from '@mine/core/math';
import { describe, expect, it } from 'vitest';
import { gaussian } from './gaussian.js';
import { pairedCorrelation } from './ground-truth-suite.js';
import { studentT, studentTCorrection } from './student-t.js';
import { jointCovariance, maxAbsDiff, thrownArgument } from './test-utils.js';

describe('studentTCorrection', () => {
  it('matches values computed with mpmath (30 digits)', () => {
    const cases: [number, number, number, number][] = [
      [1, 1, 1, 0.2241714275292361],
      [1, 2, 2, 0.43194562200144304],
      [2, 2, 2, 0.19314718055994531],
      [5, 2, 2, 0.05075795090692722],
      [2, 3, 3, 0.29092192268276357],
      [30, 5, 5, 0.01070593629253363],
    ];
    for (const [dof, m, n, expected] of cases) {
      expect(Math.abs(studentTCorrection(dof, m, n) - expected)).toBeLessThan(1e-12);
    }
  });

  it('is positive, decreasing in dof, and vanishes as dof → ∞', () => {
    let previous = Number.POSITIVE_INFINITY;
    for (const dof of [0.5, 1, 2, 5, 10, 100, 1000]) {
      const c = studentTCorrection(dof, 2, 2);
      expect(c).toBeGreaterThan(0);
      expect(c).toBeLessThan(previous);
      previous = c;
    }
    // Cancellation between log-gamma terms of size ~10³ costs ~1e-12 absolute here.
    expect(Math.abs(studentTCorrection(1000, 2, 2) - 1.9946786411198904e-6)).toBeLessThan(5e-12);
    expect(studentTCorrection(1e6, 3, 3)).toBeLessThan(1e-10);
  });
});

describe('studentT', () => {
  it('MI exceeds the Gaussian MI of its dispersion for small dof, and tends to it for large', () => {
    const dispersion = pairedCorrelation(2, 2, 2, 0.8);
    const gauss = gaussian({ covariance: dispersion, xDim: 2 }).mutualInformation();
    for (const dof of [1, 2, 5]) {
      const t = studentT({ xDim: 2, zDim: 2, dof, dispersion }).mutualInformation();
      expect(t).toBeGreaterThan(gauss + 0.04);
    }
    const large = studentT({ xDim: 2, zDim: 2, dof: 1e5, dispersion }).mutualInformation();
    expect(Math.abs(large - gauss)).toBeLessThan(1e-6);
    // Identity dispersion: the MI is the correction alone.
    expect(studentT({ xDim: 2, zDim: 2, dof: 2 }).mutualInformation()).toBeCloseTo(
      0.19314718055994531,
      12,
    );
  });

  it('Monte Carlo MI from the closed-form densities agrees (1x1, identity dispersion)', () => {
    // log p(x,z) − log p(x) − log p(z) with the bivariate t and its univariate t marginals,
    // averaged over 100,000 samples (SE < 0.004 nats).
    for (const dof of [1, 5]) {
      const { x, z } = studentT({ xDim: 1, zDim: 1, dof }).sample(100_000, dof);
      const joint = lgamma((dof + 2) / 2) - lgamma(dof / 2) - Math.log(dof * Math.PI);
      const marginal = lgamma((dof + 1) / 2) - lgamma(dof / 2) - 0.5 * Math.log(dof * Math.PI);
      let sum = 0;
      for (let i = 0; i < x.length; i++) {
        const a = x[i]! * x[i]!;
        const b = z[i]! * z[i]!;
        sum +=
          joint -
          ((dof + 2) / 2) * Math.log1p((a + b) / dof) -
          2 * marginal +
          ((dof + 1) / 2) * (Math.log1p(a / dof) + Math.log1p(b / dof));
      }
      expect(Math.abs(sum / x.length - studentTCorrection(dof, 1, 1))).toBeLessThan(0.02);
    }
  });

  it('samples: Cauchy margins for dof 1, covariance ν/(ν−2) Σ for dof 10', () => {
    const { x } = studentT({ xDim: 1, zDim: 1, dof: 1 }).sample(20_000, 3);
    let inside = 0;
    for (const v of x) if (Math.abs(v) < 1) inside++;
    expect(Math.abs(inside / x.length - 0.5)).toBeLessThan(0.02); // P(|C| < 1) = ½, SE 0.0035
    const dispersion = pairedCorrelation(2, 2, 1, 0.6);
    const t = studentT({ xDim: 2, zDim: 2, dof: 10, dispersion }).sample(20_000, 4);
    const expected = Array.from(dispersion, (v) => v * 1.25);
    expect(maxAbsDiff(jointCovariance(t.x, 2, t.z, 2), expected)).toBeLessThan(0.08);
  });

  it('is reproducible per seed and names itself', () => {
    const s = studentT({ xDim: 2, zDim: 2, dof: 2 });
    expect(s.name).toBe('student-t-dof2-2x2');
    expect(s.sample(30, 1)).toEqual(s.sample(30, 1));
    expect(s.sample(30, 1).x).not.toEqual(s.sample(30, 2).x);
  });

  it('rejects bad options, naming the argument', () => {
    expect(thrownArgument(() => studentT({ xDim: 1, zDim: 1, dof: 0 }))).toBe('dof');
    expect(thrownArgument(() => studentT({ xDim: 0, zDim: 1, dof: 1 }))).toBe('xDim');
    expect(thrownArgument(() => studentT({ xDim: 1, zDim: 1, dof: 1, dispersion: [1] }))).toBe(
      'dispersion',
    );
    expect(
      thrownArgument(() => studentT({ xDim: 1, zDim: 1, dof: 1, dispersion: [1, 2, 2, 1] })),
    ).toBe('dispersion');
  });
});
