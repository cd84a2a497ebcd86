import type { Sampler } from '@mine/core/base';
import { describe, expect, it } from 'vitest';
import { correlatedGaussians } from './correlated-gaussians.js';
import { gaussian } from './gaussian.js';
import { pairedCorrelation } from './ground-truth-suite.js';
import { thrownArgument } from './test-utils.js';
import {
  asinhTransform,
  halfCubeTransform,
  normalCdfTransform,
  spiralTransform,
  type Transform,
  transformed,
  wigglyXTransform,
  wigglyZTransform,
} from './transforms.js';

const grid = Float32Array.from({ length: 2001 }, (_, i) => -8 + i * 0.008);

function applied(t: Transform, values: Float32Array, dim = 1): Float32Array {
  const copy = values.slice();
  t.apply(copy, dim);
  return copy;
}

describe('elementwise transforms', () => {
  it('are strictly increasing on [-8, 8] (hence bijections onto their image)', () => {
    const increasing = (y: Float32Array) => y.every((v, i) => i === 0 || v > y[i - 1]!);
    for (const t of [halfCubeTransform, asinhTransform, wigglyXTransform, wigglyZTransform]) {
      expect(increasing(applied(t, grid)), t.name).toBe(true);
    }
    // Φ saturates in float32 beyond ±5; check monotonicity where float32 resolves it.
    const central = grid.filter((v) => Math.abs(v) < 4);
    expect(increasing(applied(normalCdfTransform, central))).toBe(true);
  });

  it('compute what they document', () => {
    expect(applied(halfCubeTransform, Float32Array.of(-4, 0, 9))).toEqual(
      Float32Array.of(-8, 0, 27),
    );
    expect(applied(asinhTransform, Float32Array.of(1))[0]).toBeCloseTo(Math.asinh(1), 6);
    expect(applied(normalCdfTransform, Float32Array.of(0, 1.96))[1]).toBeCloseTo(0.9750021, 6);
  });
});

describe('spiralTransform', () => {
  it('preserves the norm and is inverted by the opposite rotation', () => {
    const t = spiralTransform({ speed: 0.7 });
    const rows = Float32Array.of(0.3, -1.2, 0.5, 2, 0.1, -0.4);
    const out = applied(t, rows, 3);
    for (let r = 0; r < 2; r++) {
      const n0 = Math.hypot(rows[3 * r]!, rows[3 * r + 1]!, rows[3 * r + 2]!);
      const n1 = Math.hypot(out[3 * r]!, out[3 * r + 1]!, out[3 * r + 2]!);
      expect(n1).toBeCloseTo(n0, 5);
      expect(out[3 * r + 2]).toBe(rows[3 * r + 2]);
      const angle = -0.7 * n1 * n1;
      const a = out[3 * r]!;
      const b = out[3 * r + 1]!;
      expect(Math.cos(angle) * a - Math.sin(angle) * b).toBeCloseTo(rows[3 * r]!, 5);
      expect(Math.sin(angle) * a + Math.cos(angle) * b).toBeCloseTo(rows[3 * r + 1]!, 5);
    }
  });

  it('needs dimension 2 or more', () => {
    const base = correlatedGaussians({ dim: 1, rho: 0.5 });
    expect(thrownArgument(() => transformed(base, { x: spiralTransform() }))).toBe('x');
    expect(thrownArgument(() => spiralTransform({ speed: -1 }))).toBe('speed');
  });
});

describe('transformed', () => {
  const base: Sampler = gaussian({
    covariance: pairedCorrelation(3, 3, 2, 0.8),
    xDim: 3,
    name: 'multinormal-sparse-3x3',
  });

  it('keeps the base MI and dimensions, and names itself after its transforms', () => {
    const t = transformed(base, { x: halfCubeTransform, z: halfCubeTransform });
    expect(t.mutualInformation()).toBe(base.mutualInformation());
    expect([t.xDim, t.zDim]).toEqual([3, 3]);
    expect(t.name).toBe('half-cube-multinormal-sparse-3x3');
    expect(transformed(base, { x: asinhTransform }).name).toBe('asinh-multinormal-sparse-3x3');
    expect(transformed(base, { x: asinhTransform, z: halfCubeTransform, name: 'n' }).name).toBe(
      'n',
    );
  });

  it('applies the transforms to the base sample of the same seed', () => {
    const t = transformed(base, { x: normalCdfTransform, z: wigglyZTransform });
    const a = base.sample(100, 3);
    const b = t.sample(100, 3);
    expect(b.x).toEqual(applied(normalCdfTransform, a.x, 3));
    expect(b.z).toEqual(applied(wigglyZTransform, a.z, 3));
  });

  it('preserves ranks (the copula), so rank correlations are unchanged', () => {
    const t = transformed(base, { x: normalCdfTransform, z: halfCubeTransform });
    const a = base.sample(500, 11);
    const b = t.sample(500, 11);
    const order = (v: Float32Array, col: number) =>
      Array.from({ length: 500 }, (_, i) => i).sort((p, q) => v[3 * p + col]! - v[3 * q + col]!);
    for (let col = 0; col < 3; col++) {
      expect(order(b.x, col)).toEqual(order(a.x, col));
      expect(order(b.z, col)).toEqual(order(a.z, col));
    }
  });
});
