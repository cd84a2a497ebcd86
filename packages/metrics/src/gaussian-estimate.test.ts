import { describe, expect, it } from 'vitest';
import { gaussianEstimate } from './gaussian-estimate.js';
import { correlatedGaussians, thrown } from './test-helpers.js';

describe('gaussianEstimate', () => {
  for (const d of [1, 2]) {
    for (const rho of [0.5, 0.9]) {
      it(`recovers −d/2 log(1−ρ²) for d=${d}+${d}, ρ=${rho}`, () => {
        const { x, z, mi } = correlatedGaussians(5000, d, rho, 11 + d);
        const result = gaussianEstimate(x, z, { seed: 1 });
        expect(Math.abs(result.mi - mi)).toBeLessThan(Math.max(0.1, 0.1 * mi));
        // The interval is a real interval and (with this seed) contains the truth.
        expect(result.ci[0]).toBeLessThan(result.ci[1]);
        expect(result.ci[0]).toBeLessThanOrEqual(mi + 0.02);
        expect(result.ci[1]).toBeGreaterThanOrEqual(mi - 0.02);
        expect(result.standardError).toBeGreaterThan(0);
        expect(result.standardError).toBeLessThan(0.05);
      });
    }
  }

  it('is near 0 on independent data', () => {
    const { x, z } = correlatedGaussians(5000, 2, 0, 5);
    const { mi } = gaussianEstimate(x, z);
    expect(mi).toBeGreaterThanOrEqual(0);
    expect(mi).toBeLessThan(0.01);
  });

  it('equals −½ Σ log(1 − ρᵢ²) of the sample canonical correlations', () => {
    // d = 1 + 1: one canonical correlation, the sample Pearson correlation.
    const { x, z } = correlatedGaussians(500, 1, 0.6, 2);
    const a = x.data;
    const b = z.data;
    const n = a.length;
    const ma = a.reduce((s, v) => s + v, 0) / n;
    const mb = b.reduce((s, v) => s + v, 0) / n;
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let i = 0; i < n; i++) {
      sab += (a[i]! - ma) * (b[i]! - mb);
      saa += (a[i]! - ma) ** 2;
      sbb += (b[i]! - mb) ** 2;
    }
    const r = sab / Math.sqrt(saa * sbb);
    expect(gaussianEstimate(x, z, { bootstrap: 0 }).mi).toBeCloseTo(-0.5 * Math.log(1 - r * r), 12);
  });

  it('is deterministic for a seed and skips the interval with bootstrap 0', () => {
    const { x, z } = correlatedGaussians(3000, 3, 0.5, 9);
    expect(gaussianEstimate(x, z, { seed: 4 })).toEqual(gaussianEstimate(x, z, { seed: 4 }));
    const plain = gaussianEstimate(x, z, { bootstrap: 0 });
    expect(plain.ci).toEqual([Number.NaN, Number.NaN]);
    expect(plain.standardError).toBeUndefined();
  });

  it('uses grouped resampling beyond 1,000 rows with a sensible standard error', () => {
    // Asymptotic sd of the plug-in MI for one pair: ρ/√n ... via the delta method
    // Var(r) ≈ (1−ρ²)²/n and dI/dr = r/(1−r²), so sd(I) ≈ |ρ|/√n.
    const n = 4000;
    const { x, z } = correlatedGaussians(n, 1, 0.8, 3);
    const { standardError } = gaussianEstimate(x, z, { bootstrap: 400, seed: 2 });
    expect(standardError! / (0.8 / Math.sqrt(n))).toBeGreaterThan(0.8);
    expect(standardError! / (0.8 / Math.sqrt(n))).toBeLessThan(1.25);
  });

  it('is unchanged by the scale of the data, from 1e-300 to 1e300', () => {
    const { x, z } = correlatedGaussians(2000, 2, 0.6, 4);
    const base = gaussianEstimate(x, z, { seed: 3 });
    const times = (m: typeof x, c: number) => ({ data: m.data.map((v) => v * c), shape: m.shape });
    for (const c of [1e-300, 1e-160, 1e160, 1e300]) {
      const scaled = gaussianEstimate(times(x, c), times(z, -c), { seed: 3 });
      expect(scaled.mi, `scale ${c}`).toBeCloseTo(base.mi, 10);
      expect(scaled.ci[0]).toBeCloseTo(base.ci[0], 8);
      expect(scaled.ci[1]).toBeCloseTo(base.ci[1], 8);
    }
  });

  it('calls a copy of x (exact, affine or through float32) an infinite MI, not a number', () => {
    const { x, z } = correlatedGaussians(1000, 1, 0.6, 4);
    for (const f of [(v: number) => v, (v: number) => 3 * v + 1, Math.fround]) {
      const copy = { data: x.data.map(f), shape: x.shape };
      const error = thrown(() => gaussianEstimate(x, copy));
      expect(error.argument).toBe('z');
      expect(error.message).toMatch(
        /column 0 is \(numerically\) a linear function of x .*infinite/,
      );
    }
    // Two z columns, the second a sum of x's: named by its index.
    const wide = correlatedGaussians(1000, 2, 0.6, 5);
    const sum = { data: new Float64Array(2000), shape: [1000, 2] as [number, number] };
    for (let i = 0; i < 1000; i++) {
      sum.data[2 * i] = wide.z.data[2 * i]!;
      sum.data[2 * i + 1] = wide.x.data[2 * i]! + wide.x.data[2 * i + 1]!;
    }
    expect(thrown(() => gaussianEstimate(wide.x, sum)).message).toMatch(/column 1 is/);
    // Close but not a copy (residual variance 1e-6 of the total): a large, finite estimate.
    const near = { data: x.data.map((v, i) => v + 1e-3 * z.data[i]!), shape: x.shape };
    expect(gaussianEstimate(x, near, { bootstrap: 0 }).mi).toBeGreaterThan(6);
  });

  it('names the bad argument', () => {
    const { x, z } = correlatedGaussians(50, 2, 0.5, 1);
    const nan = { data: Float64Array.from(x.data), shape: x.shape };
    nan.data[7] = Number.NaN;
    expect(thrown(() => gaussianEstimate(nan, z)).argument).toBe('x');
    expect(
      thrown(() => gaussianEstimate(x, { data: z.data.slice(0, 40), shape: [20, 2] })).argument,
    ).toBe('z');
    const constant = { data: Float64Array.from(z.data), shape: z.shape };
    for (let i = 0; i < 50; i++) constant.data[i * 2 + 1] = 3;
    expect(thrown(() => gaussianEstimate(x, constant)).message).toMatch(
      /"z".*column 1 is constant/,
    );
    const dependent = { data: Float64Array.from(z.data), shape: z.shape };
    for (let i = 0; i < 50; i++) dependent.data[i * 2 + 1] = 2 * dependent.data[i * 2]!;
    expect(thrown(() => gaussianEstimate(x, dependent)).argument).toBe('z');
    const copy = { data: Float64Array.from(x.data), shape: x.shape };
    expect(thrown(() => gaussianEstimate(x, copy)).message).toMatch(/linear function of x/);
    expect(thrown(() => gaussianEstimate([[1], [2]], [[1], [3]])).argument).toBe('x');
    expect(thrown(() => gaussianEstimate(x, z, { bootstrap: 1 })).argument).toBe('bootstrap');
    expect(thrown(() => gaussianEstimate(x, z, { confidence: 1 })).argument).toBe('confidence');
  });
});
