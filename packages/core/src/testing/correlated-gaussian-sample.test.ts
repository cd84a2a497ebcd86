import { describe, expect, it } from 'vitest';
import { correlatedGaussianSample, toRows } from './correlated-gaussian-sample.js';

describe('correlatedGaussianSample', () => {
  it('has the requested correlation, the closed-form MI and is fixed by the seed', () => {
    const n = 20_000;
    const rho = 0.6;
    const s = correlatedGaussianSample(n, 2, rho, 3);
    expect(s.x.shape).toEqual([n, 2]);
    expect(s.mi).toBeCloseTo(-Math.log(1 - rho * rho), 12);
    let xz = 0;
    let xx = 0;
    let cross = 0;
    for (let i = 0; i < n; i++) {
      xz += s.x.data[2 * i]! * s.z.data[2 * i]!;
      xx += s.x.data[2 * i]! ** 2;
      cross += s.x.data[2 * i]! * s.z.data[2 * i + 1]!;
    }
    // Standard errors ~ 1/√n ≈ 0.007.
    expect(Math.abs(xz / n - rho)).toBeLessThan(0.03);
    expect(Math.abs(xx / n - 1)).toBeLessThan(0.04);
    expect(Math.abs(cross / n)).toBeLessThan(0.03);
    expect(correlatedGaussianSample(n, 2, rho, 3).z.data).toEqual(s.z.data);
    expect(correlatedGaussianSample(n, 2, rho, 4).z.data).not.toEqual(s.z.data);
  });

  it('in float32 holds the float64 values rounded', () => {
    const a = correlatedGaussianSample(50, 3, -0.4, 1);
    const b = correlatedGaussianSample(50, 3, -0.4, 1, 'float32');
    expect(b.x.data).toBeInstanceOf(Float32Array);
    expect(b.z.data).toEqual(Float32Array.from(a.z.data));
  });

  it('toRows splits a row-major array', () => {
    expect(toRows([1, 2, 3, 4, 5, 6], 3)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });
});
