import { describe, expect, it } from 'vitest';
import { digamma } from './digamma.js';

const EULER = 0.5772156649015329;

describe('digamma', () => {
  it('matches known values', () => {
    // Reference values: closed forms, or mpmath.digamma to 17 digits.
    const cases: [number, number][] = [
      [1, -EULER],
      [2, 1 - EULER],
      [0.5, -EULER - 2 * Math.LN2],
      [0.25, -EULER - Math.PI / 2 - 3 * Math.LN2],
      [10, 2.251752589066721],
      [100, 4.600161852738087],
      [1e-3, -1000.5755719318103],
      [3.7, 1.1671535393615113],
      [-0.5, 0.03648997397857652],
      [-2.5, 1.103156640645243],
      [1e6, 13.815510057964191],
    ];
    for (const [x, expected] of cases) {
      expect(Math.abs(digamma(x) - expected)).toBeLessThanOrEqual(
        2e-15 * Math.max(1, Math.abs(expected)),
      );
    }
  });

  it('vanishes at its positive root and equals −γ + H(n−1) at integers', () => {
    expect(Math.abs(digamma(1.4616321449683622))).toBeLessThan(5e-15);
    let harmonic = 0;
    for (let n = 1; n <= 2000; n++) {
      const expected = harmonic - EULER;
      expect(Math.abs(digamma(n) - expected)).toBeLessThan(4e-15 * Math.max(1, Math.abs(expected)));
      harmonic += 1 / n;
    }
  });

  it('satisfies the recurrence ψ(x+1) = ψ(x) + 1/x', () => {
    for (const x of [0.1, 0.7, 1.3, 5.5, 6.2, 42.42]) {
      expect(digamma(x + 1)).toBeCloseTo(digamma(x) + 1 / x, 13);
    }
  });

  it('returns NaN at the poles', () => {
    expect(digamma(0)).toBeNaN();
    expect(digamma(-3)).toBeNaN();
    expect(digamma(Number.NaN)).toBeNaN();
  });
});
