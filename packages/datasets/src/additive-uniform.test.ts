import { describe, expect, it } from 'vitest';
import { additiveUniform, additiveUniformMi } from './additive-uniform.js';
import { thrownArgument } from './test-utils.js';

/**
 * I = h(Z) − h(Z|X) by numeric integration, not using the trapezoid shape: p(z) is a midpoint
 * Riemann sum of ∫₀¹ 1{|z − x| ≤ ε} / (2ε) dx, and h(Z) = −∫ p log p a midpoint sum over z.
 */
function numericMi(epsilon: number, nx = 4000, nz = 4000): number {
  const lo = -epsilon;
  const hi = 1 + epsilon;
  const dz = (hi - lo) / nz;
  let h = 0;
  for (let j = 0; j < nz; j++) {
    const z = lo + (j + 0.5) * dz;
    let p = 0;
    for (let i = 0; i < nx; i++) {
      const x = (i + 0.5) / nx;
      if (Math.abs(z - x) <= epsilon) p += 1 / (2 * epsilon) / nx;
    }
    if (p > 0) h -= p * Math.log(p) * dz;
  }
  return h - Math.log(2 * epsilon);
}

describe('additiveUniform', () => {
  it('closed-form MI agrees with numeric integration (|error| < 2e-3)', () => {
    for (const epsilon of [0.1, 0.3, 0.5, 0.75, 2]) {
      expect(Math.abs(additiveUniformMi(epsilon) - numericMi(epsilon))).toBeLessThan(2e-3);
    }
    // Continuity at ε = ½ and bmi's values.
    expect(additiveUniformMi(0.5)).toBeCloseTo(0.5, 14);
    expect(additiveUniformMi(0.1)).toBeCloseTo(0.1 - Math.log(0.2), 14);
    expect(additiveUniformMi(0.75)).toBeCloseTo(1 / 3, 14);
  });

  it('samples X ~ U(0, 1) and Z − X ~ U(−ε, ε)', () => {
    const epsilon = 0.25;
    const { n, x, z } = additiveUniform({ epsilon }).sample(20_000, 2);
    let maxNoise = 0;
    let meanNoise = 0;
    let sqNoise = 0;
    let meanX = 0;
    for (let i = 0; i < n; i++) {
      const noise = z[i]! - x[i]!;
      maxNoise = Math.max(maxNoise, Math.abs(noise));
      meanNoise += noise;
      sqNoise += noise * noise;
      meanX += x[i]!;
    }
    expect(maxNoise).toBeLessThanOrEqual(epsilon + 1e-6);
    expect(Math.abs(meanNoise / n)).toBeLessThan(0.005); // SE 0.001
    expect(Math.abs(sqNoise / n / (epsilon ** 2 / 3) - 1)).toBeLessThan(0.05); // SE 0.0063
    expect(Math.abs(meanX / n - 0.5)).toBeLessThan(0.01); // SE 0.002
  });

  it('is reproducible and validates epsilon', () => {
    const s = additiveUniform({ epsilon: 0.1 });
    expect(s.name).toBe('additive-uniform-eps0.1');
    expect(s.sample(20, 5)).toEqual(s.sample(20, 5));
    expect(s.sample(20, 5).z).not.toEqual(s.sample(20, 6).z);
    expect(thrownArgument(() => additiveUniform({ epsilon: 0 }))).toBe('epsilon');
    expect(thrownArgument(() => additiveUniform({ epsilon: Number.POSITIVE_INFINITY }))).toBe(
      'epsilon',
    );
  });
});
