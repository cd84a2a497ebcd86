import { createRng } from '@mine/core/base';
import { describe, expect, it } from 'vitest';
import { msSsim } from './ms-ssim.js';

/** A smooth 28×28 test image on [−1, 1]: a blob and a bar. */
function image(): Float64Array {
  const out = new Float64Array(28 * 28);
  for (let r = 0; r < 28; r++) {
    for (let c = 0; c < 28; c++) {
      const blob = Math.exp(-((r - 10) ** 2 + (c - 12) ** 2) / 30);
      const bar = c > 18 && c < 22 && r > 5 && r < 24 ? 1 : 0;
      out[r * 28 + c] = 2 * Math.min(1, blob + bar) - 1;
    }
  }
  return out;
}

describe('msSsim', () => {
  it('is 1 for identical images', () => {
    const x = image();
    const result = msSsim(x, x);
    expect(result.mean).toBeCloseTo(1, 12);
    expect(result.values.length).toBe(1);
  });

  it('matches a hand computation: constant images score l^w at the coarsest scale', () => {
    // Constant images have no contrast or structure (cs = C2 / C2 = 1 at every scale); only the
    // luminance term at 7 px remains, with Wang's third weight renormalised over three.
    const a = new Float64Array(784).fill(0.5);
    const b = new Float64Array(784).fill(0.3);
    const c1 = (0.01 * 2) ** 2;
    const l = (2 * 0.5 * 0.3 + c1) / (0.25 + 0.09 + c1);
    const w3 = 0.3001 / (0.0448 + 0.2856 + 0.3001);
    expect(msSsim(a, b).mean).toBeCloseTo(l ** w3, 12);
  });

  it('matches a hand computation of SSIM with one scale and a flat window', () => {
    // A 7×7 checkerboard of ±1 and half of it; one window position with (almost) uniform weights.
    const a = new Float64Array(49);
    for (let i = 0; i < 49; i++) a[i] = (Math.floor(i / 7) + (i % 7)) % 2 === 0 ? 1 : -1;
    const b = a.map((v) => 0.5 * v);
    const mx = 1 / 49;
    const my = 0.5 / 49;
    const vx = 1 - mx * mx;
    const vy = 0.25 - my * my;
    const cov = 0.5 - mx * my;
    const c1 = (0.01 * 2) ** 2;
    const c2 = (0.03 * 2) ** 2;
    const expected =
      ((2 * mx * my + c1) / (mx * mx + my * my + c1)) * ((2 * cov + c2) / (vx + vy + c2));
    const result = msSsim(a, b, { height: 7, width: 7, weights: [1], sigma: 1e6 });
    expect(result.mean).toBeCloseTo(expected, 9);
  });

  it('falls as noise grows', () => {
    const x = image();
    const rng = createRng(1);
    const scores = [0.05, 0.2, 0.5, 1].map((s) => {
      const noisy = x.map((v) => v + s * rng.normal());
      return msSsim(x, noisy).mean;
    });
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThan(scores[i - 1]!);
    expect(scores[0]).toBeGreaterThan(0.9);
  });

  it('scores several images and channels, and rejects bad input by name', () => {
    const x = image();
    const two = new Float64Array(2 * 784 * 2);
    for (let p = 0; p < 784; p++) {
      for (const [i, c] of [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ] as const) {
        two[i * 1568 + p * 2 + c] = x[p]!;
      }
    }
    const result = msSsim(two, two, { channels: 2 });
    expect(Array.from(result.values).map((v) => Number(v.toFixed(12)))).toEqual([1, 1]);
    expect(() => msSsim(new Float64Array(10), new Float64Array(10))).toThrow(/a.*whole 28×28×1/);
    expect(() => msSsim(x, x.subarray(1))).toThrow(/b.*783 values/);
    expect(() => msSsim(x, x, { weights: [1, 1, 1, 1] })).toThrow(/weights.*3.5 px/);
  });
});
