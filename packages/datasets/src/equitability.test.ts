import { describe, expect, it } from 'vitest';
import {
  type EquitabilityFunction,
  equitability,
  equitabilityComponentMi,
  equitabilityFunctions,
} from './equitability.js';
import { thrownArgument } from './test-utils.js';

const maps: Record<EquitabilityFunction, (x: number) => number> = {
  linear: (x) => x,
  cubic: (x) => x * x * x,
  sin: Math.sin,
};

/**
 * Brute-force reference, independent of the quadrature code: midpoint Riemann sums on an
 * nx × ny grid for I = ∫∫ p(x) p(y|x) log(p(y|x) / p(y)) dx dy, with p(y) itself a Riemann sum
 * over the same x grid. The midpoint rule's error is O((Δ/σ)²).
 */
function bruteForceMi(f: (x: number) => number, sigma: number, nx = 1500, ny = 3000): number {
  const lo = f(-1) - 9 * sigma;
  const hi = f(1) + 9 * sigma;
  const dx = 2 / nx;
  const dy = (hi - lo) / ny;
  const fx = new Float64Array(nx);
  for (let i = 0; i < nx; i++) fx[i] = f(-1 + (i + 0.5) * dx);
  const logNorm = -Math.log(sigma * Math.sqrt(2 * Math.PI));
  let mi = 0;
  const logKernel = new Float64Array(nx);
  for (let j = 0; j < ny; j++) {
    const y = lo + (j + 0.5) * dy;
    let py = 0;
    for (let i = 0; i < nx; i++) {
      const u = (y - fx[i]!) / sigma;
      logKernel[i] = logNorm - 0.5 * u * u;
      py += 0.5 * dx * Math.exp(logKernel[i]!);
    }
    if (py <= 0) continue;
    const logPy = Math.log(py);
    for (let i = 0; i < nx; i++) {
      const k = Math.exp(logKernel[i]!);
      if (k > 0) mi += 0.5 * dx * dy * k * (logKernel[i]! - logPy);
    }
  }
  return mi;
}

describe('equitability', () => {
  it('linear: numeric MI matches a brute-force 2-D Riemann sum (|error| < 2e-3 nats)', () => {
    for (const sigma of [0.1, 0.5]) {
      const reference = bruteForceMi(maps.linear, sigma);
      expect(Math.abs(equitabilityComponentMi('linear', sigma) - reference)).toBeLessThan(2e-3);
    }
  });

  it('cubic and sin: numeric MI matches the brute-force reference too', () => {
    for (const f of ['cubic', 'sin'] as const) {
      const reference = bruteForceMi(maps[f], 0.2);
      expect(Math.abs(equitabilityComponentMi(f, 0.2) - reference)).toBeLessThan(2e-3);
    }
  });

  it('matches scipy.integrate.quad (nested) values to 1e-6', () => {
    // Computed with scipy 1.17 quad, epsabs 1e-12..1e-14, as h(Y) − ½ log(2πeσ²).
    const scipy: [EquitabilityFunction, number, number][] = [
      ['linear', 0.1, 1.6671134689061806],
      ['linear', 1, 0.14371112621065762],
      ['cubic', 0.1, 1.2494699158308722],
      ['cubic', 0.3, 0.46951175966535663],
      ['sin', 0.1, 1.5355493768894024],
      ['sin', 3, 0.014923669932356276],
    ];
    for (const [f, sigma, expected] of scipy) {
      expect(Math.abs(equitabilityComponentMi(f, sigma) - expected)).toBeLessThan(1e-6);
    }
  });

  it('approaches log 2 + E log f′(X) − ½ log(2πeσ²) as σ → 0 (linear)', () => {
    const sigma = 1e-3;
    const limit = Math.LN2 - 0.5 * Math.log(2 * Math.PI * Math.E * sigma * sigma);
    // The edge correction is O(σ): 3.9 nats ± 0.01.
    expect(Math.abs(equitabilityComponentMi('linear', sigma) - limit)).toBeLessThan(0.01);
  });

  it('MI decreases in sigma, for every f', () => {
    const sigmas = [0.01, 0.05, 0.1, 0.3, 1, 3];
    for (const f of equitabilityFunctions) {
      const mis = sigmas.map((s) => equitability({ f, sigma: s }).mutualInformation());
      for (let i = 1; i < mis.length; i++) expect(mis[i]!).toBeLessThan(mis[i - 1]!);
      expect(mis.at(-1)!).toBeGreaterThan(0);
    }
  });

  it('is d times the per-component MI (default d = 2)', () => {
    const s = equitability({ f: 'sin', sigma: 0.2 });
    expect(s.xDim).toBe(2);
    expect(s.zDim).toBe(2);
    expect(s.mutualInformation()).toBeCloseTo(2 * equitabilityComponentMi('sin', 0.2), 12);
    const s5 = equitability({ f: 'cubic', sigma: 0.2, dim: 5 });
    expect(s5.mutualInformation()).toBeCloseTo(5 * equitabilityComponentMi('cubic', 0.2), 12);
    expect(s.name).toBe('equitability-sin-2x2-sigma0.2');
  });

  it('samples X ~ U(-1, 1) and Z − f(X) ~ N(0, σ²)', () => {
    const sigma = 0.3;
    const { x, z } = equitability({ f: 'cubic', sigma, dim: 2 }).sample(20_000, 4);
    let mean = 0;
    let sq = 0;
    let minX = 1;
    let maxX = -1;
    let meanX = 0;
    for (let i = 0; i < x.length; i++) {
      const r = z[i]! - x[i]! ** 3;
      mean += r;
      sq += r * r;
      minX = Math.min(minX, x[i]!);
      maxX = Math.max(maxX, x[i]!);
      meanX += x[i]!;
    }
    const n = x.length;
    expect(minX).toBeGreaterThanOrEqual(-1);
    expect(maxX).toBeLessThanOrEqual(1);
    expect(Math.abs(meanX / n)).toBeLessThan(0.02); // SE 0.0041
    expect(Math.abs(mean / n)).toBeLessThan(0.01); // SE 0.0021
    expect(Math.abs(Math.sqrt(sq / n) / sigma - 1)).toBeLessThan(0.02); // SE 0.0035
  });

  it('is reproducible per seed', () => {
    const s = equitability({ f: 'linear', sigma: 0.1 });
    expect(s.sample(50, 9)).toEqual(s.sample(50, 9));
    expect(s.sample(50, 9).z).not.toEqual(s.sample(50, 10).z);
  });

  it('validates its options, naming the argument', () => {
    expect(thrownArgument(() => equitability({ f: 'linear', sigma: 0 }))).toBe('sigma');
    expect(thrownArgument(() => equitability({ f: 'linear', sigma: -1 }))).toBe('sigma');
    expect(thrownArgument(() => equitability({ f: 'tanh' as 'sin', sigma: 1 }))).toBe('f');
    expect(thrownArgument(() => equitability({ f: 'linear', sigma: 1, dim: 0 }))).toBe('dim');
  });
});
