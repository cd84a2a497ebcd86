import { describe, expect, it } from 'vitest';
import { digamma, erf, erfc, lgamma, normalCdf } from './special.js';

// Reference values from mpmath at 30 digits.
const relClose = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));

describe('lgamma', () => {
  it.each([
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [1, 0],
    [2, 0],
    [3, Math.LN2],
    [10, Math.log(362880)],
    [100, 359.1342053695754],
    [0.1, 2.252712651734206],
    [1.5, -0.12078223763524522],
    [3.7, 1.428072326665388],
    [0.001, 6.907178885383853],
    [1e5, 1051287.7089736569],
    [-0.5, 1.2655121234846454],
    [-2.5, -0.056243716497674054],
  ])('lgamma(%d)', (x, expected) => relClose(lgamma(x), expected, 1e-13));

  it('satisfies log Γ(x+1) = log Γ(x) + log x', () => {
    for (const x of [0.05, 0.3, 0.9, 1.7, 4.2, 12.5, 57.3]) {
      relClose(lgamma(x + 1), lgamma(x) + Math.log(x), 1e-13);
    }
  });

  it('is +Infinity at the poles', () => {
    expect(lgamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(lgamma(-3)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('digamma', () => {
  it.each([
    [1, -0.5772156649015329],
    [0.5, -1.9635100260214235],
    [2, 0.42278433509846713],
    [10, 2.251752589066721],
    [100, 4.600161852738087],
    [0.1, -10.423754940411076],
    [3.7, 1.1671535393615113],
    [0.001, -1000.5755719318103],
    [-0.5, 0.03648997397857652],
  ])('digamma(%d)', (x, expected) => relClose(digamma(x), expected, 1e-13));

  it('is the derivative of lgamma', () => {
    for (const x of [0.2, 0.8, 2.5, 9.9, 31]) {
      const h = 1e-5 * x;
      const numeric = (lgamma(x + h) - lgamma(x - h)) / (2 * h);
      expect(Math.abs(numeric - digamma(x))).toBeLessThan(1e-7);
    }
  });

  it('satisfies ψ(x+1) = ψ(x) + 1/x and is NaN at the poles', () => {
    for (const x of [0.25, 1.5, 7.5, 11]) relClose(digamma(x + 1), digamma(x) + 1 / x, 1e-13);
    expect(digamma(0)).toBeNaN();
    expect(digamma(-2)).toBeNaN();
  });
});

describe('erf / erfc / normalCdf', () => {
  it.each([
    [0.1, 0.887537083981715],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [1.9, 0.0072095707647425325],
    [2, 0.004677734981047266],
    [2.5, 0.0004069520174449589],
    [3, 2.209049699858544e-5],
    [5, 1.537459794428035e-12],
    [10, 2.088487583762545e-45],
    [26, 5.663192408856143e-296],
  ])('erfc(%d) to 1e-12 relative', (x, expected) => {
    expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1e-12);
  });

  it('erf is odd and erf + erfc = 1', () => {
    for (const x of [0.01, 0.7, 1.3, 2.49, 2.51, 4]) {
      expect(erf(-x)).toBe(-erf(x));
      expect(Math.abs(erf(x) + erfc(x) - 1)).toBeLessThan(1e-15);
    }
    expect(erfc(-1)).toBeCloseTo(2 - 0.15729920705028513, 15);
  });

  it('normalCdf matches known values in both tails', () => {
    expect(Math.abs(normalCdf(-1.96) - 0.024997895148220435)).toBeLessThan(1e-15);
    expect(Math.abs(normalCdf(-8) / 6.220960574271784e-16 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(normalCdf(0.3) - 0.6179114221889527)).toBeLessThan(1e-15);
    expect(normalCdf(0)).toBe(0.5);
  });
});

const EULER = 0.5772156649015329;

describe('digamma near 1e-15', () => {
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
