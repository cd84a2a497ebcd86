import { describe, expect, it } from 'vitest';
import { gaussKronrod15, integrate } from './quadrature.js';

describe('gaussKronrod15', () => {
  it('is exact for polynomials up to degree 23 and Gauss-7 up to degree 13', () => {
    for (let k = 0; k <= 23; k++) {
      const exact = (1 - (-1) ** (k + 1)) / (k + 1); // ∫_{-1}^{1} x^k dx
      const { value, error } = gaussKronrod15((x) => x ** k, -1, 1);
      expect(Math.abs(value - exact)).toBeLessThan(1e-14);
      // The error estimate |K15 − G7| vanishes while Gauss-7 is exact too (degree ≤ 13).
      if (k <= 13) expect(error).toBeLessThan(1e-14);
    }
    expect(gaussKronrod15((x) => x ** 14, -1, 1).error).toBeGreaterThan(1e-6);
    const exact24 = 2 / 25;
    expect(Math.abs(gaussKronrod15((x) => x ** 24, -1, 1).value - exact24)).toBeGreaterThan(1e-12);
  });
});

describe('integrate', () => {
  it('integrates smooth and peaked functions', () => {
    expect(integrate(Math.exp, 0, 1)).toBeCloseTo(Math.E - 1, 13);
    expect(integrate(Math.sin, 0, Math.PI)).toBeCloseTo(2, 13);
    const s = 1e-3;
    const peak = (x: number) =>
      Math.exp(-0.5 * ((x - 0.3) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
    expect(integrate(peak, -1, 1, { breakpoints: [0.3] })).toBeCloseTo(1, 11);
    // Without the breakpoint, a peak narrower than the first rule's node spacing can be missed:
    // that is why callers pass breakpoints at known features.
    const wider = (x: number) =>
      Math.exp(-0.5 * ((x - 0.3) / 0.05) ** 2) / (0.05 * Math.sqrt(2 * Math.PI));
    expect(integrate(wider, -1, 1)).toBeCloseTo(1, 11);
  });

  it('handles integrable endpoint singularities and reversed limits', () => {
    expect(integrate((x) => 1 / Math.sqrt(x), 0, 1, { absTol: 1e-10 })).toBeCloseTo(2, 5);
    expect(integrate((x) => x, 1, 0)).toBeCloseTo(-0.5, 14);
    expect(integrate((x) => x, 2, 2)).toBe(0);
  });
});
