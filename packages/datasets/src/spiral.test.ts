import { describe, expect, it } from 'vitest';
import { spiral } from './spiral.js';
import { thrownArgument } from './test-utils.js';

describe('spiral', () => {
  it('exposes its noiseless curve r = radius·t, θ = 2π·turns·t', () => {
    const set = spiral({ noise: 0.02, turns: 2, radius: 2 });
    expect(set.point(0)).toEqual([0, 0]);
    const [a, b] = set.point(1);
    expect(a).toBeCloseTo(2, 12);
    expect(b).toBeCloseTo(0, 12);
    const [c, d] = set.point(0.125); // θ = π/2, r = 0.25
    expect(c).toBeCloseTo(0, 12);
    expect(d).toBeCloseTo(0.25, 12);
    const curve = set.curve(101);
    expect(curve.length).toBe(202);
    expect(curve[200]).toBeCloseTo(2, 6);
  });

  it('adds isotropic Gaussian noise of the given std around the curve', () => {
    // With noise 0 every point lies on the curve; with noise s, the residual from a noiseless
    // draw of the same seed has per-coordinate std s.
    const clean = spiral({ noise: 0 }).sample(20_000, 5);
    const noisy = spiral({ noise: 0.05 }).sample(20_000, 5);
    let sq = 0;
    let mean = 0;
    for (let i = 0; i < clean.length; i++) {
      const r = noisy[i]! - clean[i]!;
      sq += r * r;
      mean += r;
    }
    expect(Math.abs(Math.sqrt(sq / clean.length) / 0.05 - 1)).toBeLessThan(0.02); // SE 0.0035
    expect(Math.abs(mean / clean.length)).toBeLessThan(0.002); // SE 0.00025
    for (let i = 0; i < 200; i++) {
      const r = Math.hypot(clean[2 * i]!, clean[2 * i + 1]!);
      const theta = Math.atan2(clean[2 * i + 1]!, clean[2 * i]!);
      // r/radius = t, and θ ≡ 2π·turns·t (mod 2π).
      const diff = theta - 4 * Math.PI * (r / 2);
      expect(Math.abs(Math.sin(diff / 2))).toBeLessThan(1e-4);
    }
  });

  it('materialises 100,000 points reproducibly', () => {
    const set = spiral();
    expect(set.noise).toBe(0.05);
    expect(set.dataset().length).toBe(200_000);
    expect(set.dataset(1000, 3)).toEqual(set.sample(1000, 3));
    expect(set.sample(10, 1)).not.toEqual(set.sample(10, 2));
  });

  it('validates its options', () => {
    expect(thrownArgument(() => spiral({ noise: -0.1 }))).toBe('noise');
    expect(thrownArgument(() => spiral({ turns: 0 }))).toBe('turns');
    expect(thrownArgument(() => spiral({ radius: Number.NaN }))).toBe('radius');
    expect(thrownArgument(() => spiral().curve(1))).toBe('points');
  });
});
