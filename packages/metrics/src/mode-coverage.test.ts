import { createRng } from '@mine/core/base';
import { describe, expect, it } from 'vitest';
import { klFromCounts } from './kl-from-counts.js';
import { modeCoverage } from './mode-coverage.js';
import { thrown } from './test-helpers.js';

/** The 25-Gaussians grid: modes at {−4, −2, 0, 2, 4}², std 0.05. */
const modes = new Float32Array(50);
for (let i = 0; i < 25; i++) {
  modes[2 * i] = -4 + 2 * (i % 5);
  modes[2 * i + 1] = -4 + 2 * Math.floor(i / 5);
}
const std = 0.05;

function sample(n: number, which: readonly number[], seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const m = which[i % which.length]!;
    out[2 * i] = modes[2 * m]! + std * rng.normal();
    out[2 * i + 1] = modes[2 * m + 1]! + std * rng.normal();
  }
  return out;
}

const all = Array.from({ length: 25 }, (_, i) => i);

describe('modeCoverage', () => {
  it('covers all 25 modes with samples from the true distribution', () => {
    const result = modeCoverage(sample(2500, all, 1), modes, { std });
    expect(result.modesCovered).toBe(25);
    expect(result.minCount).toBe(20);
    // P(χ²₂ ≤ 9) = 1 − e^{−4.5} ≈ 0.989.
    expect(result.highQualityShare).toBeGreaterThan(0.98);
    expect(result.kl).toBeLessThan(0.01);
    expect(result.counts.reduce((a, b) => a + b, 0)).toBe(
      Math.round(result.highQualityShare * 2500),
    );
  });

  it('counts 5 modes for a generator that only produces 5', () => {
    const result = modeCoverage(sample(2500, [0, 6, 12, 18, 24], 2), modes, { std });
    expect(result.modesCovered).toBe(5);
    expect(result.kl).toBeCloseTo(Math.log(5), 2);
    expect(result.counts.filter((c) => c > 0)).toHaveLength(5);
  });

  it('does not count far-away or in-between samples as high quality', () => {
    const far = new Float32Array(200).fill(100);
    const between = sample(200, all, 3).map((v) => v + 1); // 1 = 20 std off every mode
    for (const samples of [far, between]) {
      const result = modeCoverage(samples, modes, { std });
      expect(result.highQualityShare).toBe(0);
      expect(result.modesCovered).toBe(0);
      expect(result.kl).toBeNaN();
    }
  });

  it('applies minCount: a thinly covered mode is dropped by default, kept by VEEGAN/PacGAN', () => {
    const which = [...all.slice(1), ...all.slice(1), ...all.slice(1)];
    const samples = new Float32Array([...sample(2490, which, 4), ...sample(10, [0], 5)]);
    const strict = modeCoverage(samples, modes, { std });
    expect(strict.modesCovered).toBe(24);
    expect(strict.modesWithAnySample).toBe(25);
    expect(modeCoverage(samples, modes, { std, minCount: 1 }).modesCovered).toBe(25);
    // A looser threshold admits more samples.
    const wide = sample(500, all, 6).map((v) => v + 0.2);
    expect(modeCoverage(wide, modes, { std }).highQualityShare).toBeLessThan(0.1);
    expect(modeCoverage(wide, modes, { std, threshold: 8 }).highQualityShare).toBeGreaterThan(0.9);
  });

  it('accepts matrices and names bad arguments', () => {
    const rows = [
      [0, 0],
      [2, 0],
    ];
    expect(modeCoverage([[0.01, 0]], rows, { std: 0.1, minCount: 1 }).modesCovered).toBe(1);
    expect(thrown(() => modeCoverage(new Float32Array(3), modes, { std })).argument).toBe(
      'samples',
    );
    expect(thrown(() => modeCoverage([[0, 0, 0]], modes, { std })).argument).toBe('modes');
    expect(thrown(() => modeCoverage(modes, modes, { std: 0 })).argument).toBe('std');
    expect(thrown(() => modeCoverage(modes, modes, { std, threshold: -1 })).argument).toBe(
      'threshold',
    );
    expect(thrown(() => modeCoverage(modes, modes, { std, minCount: 0 })).argument).toBe(
      'minCount',
    );
    const nan = Float32Array.from(modes);
    nan[3] = Number.NaN;
    expect(thrown(() => modeCoverage(nan, modes, { std })).argument).toBe('samples');
  });
});

describe('klFromCounts', () => {
  it('is 0 for uniform counts, log m for one bin, and ignores empty bins', () => {
    expect(klFromCounts([5, 5, 5, 5])).toBe(0);
    expect(klFromCounts([0, 0, 9, 0])).toBeCloseTo(Math.log(4), 14);
    expect(klFromCounts([1, 1, 0, 0])).toBeCloseTo(Math.log(2), 14);
    expect(klFromCounts([0, 0])).toBeNaN();
  });

  it('compares with a reference histogram', () => {
    expect(klFromCounts([1, 3], [1, 3])).toBeCloseTo(0, 14);
    expect(klFromCounts([1, 1], [1, 3])).toBeCloseTo(
      0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(0.5 / 0.75),
      14,
    );
    expect(klFromCounts([1, 1], [1, 0])).toBe(Number.POSITIVE_INFINITY);
    expect(thrown(() => klFromCounts([1, 1], [1])).argument).toBe('reference');
    expect(thrown(() => klFromCounts([1, -1])).argument).toBe('counts');
  });
});
