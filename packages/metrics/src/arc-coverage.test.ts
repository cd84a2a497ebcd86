import { createRng } from '@mine/core/base';
import { describe, expect, it } from 'vitest';
import { arcCoverage } from './arc-coverage.js';
import { thrown } from './test-helpers.js';

// A spiral r = t, t ∈ [0.5, 4π] (two turns 2π apart, far wider than the noise).
const T0 = 0.5;
const T1 = 4 * Math.PI;
const spiral = (t: number): [number, number] => [t * Math.cos(t), t * Math.sin(t)];
const std = 0.05;

/** Noiseless curve at equal steps of t (the data's parameter), dense relative to std. */
const curve = new Float32Array(2 * 20_000);
for (let j = 0; j < 20_000; j++) {
  const [x, y] = spiral(T0 + ((T1 - T0) * j) / 19_999);
  curve[2 * j] = x;
  curve[2 * j + 1] = y;
}

/** Data-like samples: t uniform on [from, to] ⊂ [T0, T1], plus isotropic noise. */
function sample(n: number, from: number, to: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const [x, y] = spiral(from + (to - from) * rng.next());
    out[2 * i] = x + std * rng.normal();
    out[2 * i + 1] = y + std * rng.normal();
  }
  return out;
}

describe('arcCoverage', () => {
  it('covers every bin with samples from the data distribution', () => {
    const result = arcCoverage(sample(5000, T0, T1, 1), curve, { std });
    expect(result.bins).toBe(50);
    expect(result.binsCovered).toBe(50);
    expect(result.coveredShare).toBe(1);
    // The distance to the curve is ~|N(0, std)| across it: within 3 std 99.7% of the time.
    expect(result.highQualityShare).toBeGreaterThan(0.99);
    // The reference is the curve's own point density along the arc, so the data scores ≈ 0.
    expect(result.kl).toBeLessThan(0.02);
    expect(result.counts).toHaveLength(50);
  });

  it('reports partial coverage for a generator stuck on part of the spiral', () => {
    // The inner part up to t = 2π holds a fraction (2π² − T0²/2)/(8π² − T0²/2) ≈ 1/4 of the arc.
    const result = arcCoverage(sample(5000, T0, 2 * Math.PI, 2), curve, { std });
    expect(result.binsCovered).toBeGreaterThanOrEqual(11);
    expect(result.binsCovered).toBeLessThanOrEqual(14);
    expect(result.highQualityShare).toBeGreaterThan(0.99);
    expect(result.kl).toBeGreaterThan(0.5);
  });

  it('does not count off-curve samples as high quality', () => {
    const off = sample(1000, T0, T1, 3).map((v) => v * 1.5 + 40);
    const result = arcCoverage(off, curve, { std });
    expect(result.highQualityShare).toBe(0);
    expect(result.binsCovered).toBe(0);
    expect(result.kl).toBeNaN();
  });

  it('finds the same nearest points as a brute-force scan', () => {
    const samples = sample(300, T0, T1, 4).map((v, i) => v + (i % 7) * 0.03);
    const coarse = curve.filter((_, i) => Math.floor(i / 2) % 20 === 0);
    const result = arcCoverage(samples, coarse, { std, bins: 10, threshold: 6 });
    // Brute force.
    const m = coarse.length / 2;
    const arc = [0];
    for (let j = 1; j < m; j++) {
      arc.push(
        arc[j - 1]! +
          Math.hypot(coarse[2 * j]! - coarse[2 * j - 2]!, coarse[2 * j + 1]! - coarse[2 * j - 1]!),
      );
    }
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 300; i++) {
      let best = Number.POSITIVE_INFINITY;
      let nearest = 0;
      for (let j = 0; j < m; j++) {
        const d2 =
          (samples[2 * i]! - coarse[2 * j]!) ** 2 + (samples[2 * i + 1]! - coarse[2 * j + 1]!) ** 2;
        if (d2 < best) {
          best = d2;
          nearest = j;
        }
      }
      if (best <= (6 * std) ** 2)
        counts[Math.min(9, Math.floor((10 * arc[nearest]!) / arc[m - 1]!))]!++;
    }
    expect(result.counts).toEqual(counts);
  });

  it('names bad arguments', () => {
    const line = new Float32Array([0, 0, 1, 0, 2, 0, 3, 0]);
    expect(thrown(() => arcCoverage(line, line, { std, bins: 10 })).message).toMatch(
      /"curve".*denser curve or fewer bins/,
    );
    expect(
      thrown(() => arcCoverage(line, new Float32Array([1, 1, 1, 1]), { std })).message,
    ).toMatch(/zero length/);
    expect(thrown(() => arcCoverage(line, line, { std, bins: 0 })).argument).toBe('bins');
    expect(thrown(() => arcCoverage(line, line, { std: Number.NaN })).argument).toBe('std');
    expect(thrown(() => arcCoverage(line, new Float32Array([0, 0]), { std })).argument).toBe(
      'curve',
    );
    expect(arcCoverage(line, line, { std: 0.1, bins: 3 }).binsCovered).toBe(3);
  });
});
