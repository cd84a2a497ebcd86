import { createRng } from '@mine/core';
import { describe, expect, it } from 'vitest';
import {
  assertCodePrior,
  type CodePrior,
  codeInformationCeiling,
  codeWidth,
  describeCodePrior,
} from './code-prior.js';
import { drawPrior } from './random.js';

const N = 20_000;

/** Mean and variance of column j of a row-major [n, width] array. */
function moments(
  values: Float32Array,
  width: number,
  j: number,
): { mean: number; variance: number } {
  const n = values.length / width;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i * width + j]!;
    sum += v;
    sq += v * v;
  }
  const mean = sum / n;
  return { mean, variance: sq / n - mean * mean };
}

describe('code priors', () => {
  it('categorical: one-hot rows, classes equally frequent (chi-square, 24 dof)', () => {
    const prior: CodePrior = { kind: 'categorical', classes: 25 };
    const { z, code } = drawPrior(N, 3, prior, createRng(1));
    expect(codeWidth(prior)).toBe(25);
    const counts = new Array<number>(25).fill(0);
    let malformed = 0;
    for (let i = 0; i < N; i++) {
      const row = Array.from(code.subarray(25 * i, 25 * (i + 1)));
      const ones = row.filter((v) => v === 1).length;
      const zeros = row.filter((v) => v === 0).length;
      // z = [ε, c]: the code follows the three noise columns.
      const inZ = z.subarray(28 * i + 3, 28 * (i + 1)).every((v, j) => v === row[j]);
      if (ones !== 1 || zeros !== 24 || !inZ) malformed++;
      counts[row.indexOf(1)]!++;
    }
    expect(malformed).toBe(0);
    const expected = N / 25;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // The 0.999 quantile of chi-square with 24 degrees of freedom is 51.2.
    expect(chi2).toBeLessThan(51.2);
    expect(codeInformationCeiling(prior)).toBeCloseTo(Math.log(25), 12);
  });

  it('uniform: U(−1, 1) columns (mean 0, variance 1/3, within ±1); noise stays N(0, 1)', () => {
    const prior: CodePrior = { kind: 'uniform', dim: 2 };
    const { z, code } = drawPrior(N, 4, prior, createRng(2));
    expect(code.every((v) => Math.abs(v) <= 1)).toBe(true);
    // Standard errors: mean √(1/3/N) ≈ 0.004, variance ≈ 0.002.
    for (const j of [0, 1]) {
      const m = moments(code, 2, j);
      expect(Math.abs(m.mean)).toBeLessThan(0.02);
      expect(Math.abs(m.variance - 1 / 3)).toBeLessThan(0.01);
    }
    for (const j of [0, 1, 2, 3]) {
      const m = moments(z, 6, j);
      expect(Math.abs(m.mean)).toBeLessThan(0.04);
      expect(Math.abs(m.variance - 1)).toBeLessThan(0.05);
    }
    expect(codeInformationCeiling(prior)).toBe(Number.POSITIVE_INFINITY);
  });

  it('gaussian: N(0, 1) columns, uncorrelated', () => {
    const prior: CodePrior = { kind: 'gaussian', dim: 3 };
    const { code } = drawPrior(N, 0, prior, createRng(3));
    for (const j of [0, 1, 2]) {
      const m = moments(code, 3, j);
      expect(Math.abs(m.mean)).toBeLessThan(0.04);
      expect(Math.abs(m.variance - 1)).toBeLessThan(0.05);
    }
    let cross = 0;
    for (let i = 0; i < N; i++) cross += code[3 * i]! * code[3 * i + 1]!;
    expect(Math.abs(cross / N)).toBeLessThan(0.04);
    // Roughly 4.6% of N(0, 1) draws lie beyond ±2: not a bounded distribution.
    const tail = Array.from(code).filter((v) => Math.abs(v) > 2).length / code.length;
    expect(tail).toBeGreaterThan(0.035);
    expect(tail).toBeLessThan(0.057);
  });

  it('mixed: a one-hot block of K classes, then U(−1, 1) columns independent of the class', () => {
    const prior: CodePrior = { kind: 'mixed', classes: 4, dim: 2 };
    const { code } = drawPrior(N, 2, prior, createRng(4));
    expect(codeWidth(prior)).toBe(6);
    const counts = [0, 0, 0, 0];
    const meanByClass = [0, 0, 0, 0];
    let malformed = 0;
    for (let i = 0; i < N; i++) {
      const hot = Array.from(code.subarray(6 * i, 6 * i + 4));
      const k = hot.indexOf(1);
      if (hot.reduce((a, b) => a + b, 0) !== 1 || Math.abs(code[6 * i + 5]!) > 1) malformed++;
      counts[k]!++;
      meanByClass[k]! += code[6 * i + 4] ?? 0;
    }
    expect(malformed).toBe(0);
    for (let k = 0; k < 4; k++) {
      expect(Math.abs(counts[k]! / N - 0.25)).toBeLessThan(0.015);
      expect(Math.abs(meanByClass[k]! / counts[k]!)).toBeLessThan(0.04);
    }
    expect(moments(code, 6, 5).variance).toBeCloseTo(1 / 3, 1);
  });

  it('categoricals: independent one-hot blocks, every joint value equally frequent', () => {
    const prior: CodePrior = { kind: 'categoricals', codes: 2, classes: 3 };
    const { z, code } = drawPrior(N, 1, prior, createRng(5));
    expect(codeWidth(prior)).toBe(6);
    expect(codeInformationCeiling(prior)).toBeCloseTo(2 * Math.log(3), 12);
    const joint = new Array<number>(9).fill(0);
    let malformed = 0;
    for (let i = 0; i < N; i++) {
      const a = Array.from(code.subarray(6 * i, 6 * i + 3));
      const b = Array.from(code.subarray(6 * i + 3, 6 * i + 6));
      const ok = [a, b].every(
        (h) => h.filter((v) => v === 1).length === 1 && h.every((v) => v === 0 || v === 1),
      );
      const inZ = z.subarray(7 * i + 1, 7 * (i + 1)).every((v, j) => v === code[6 * i + j]);
      if (!ok || !inZ) malformed++;
      joint[3 * a.indexOf(1) + b.indexOf(1)]!++;
    }
    expect(malformed).toBe(0);
    const expected = N / 9;
    const chi2 = joint.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // The 0.999 quantile of chi-square with 8 degrees of freedom is 26.1.
    expect(chi2).toBeLessThan(26.1);
  });

  it('uniform noise: ε ~ U(−1, 1) columns (Table 4), the code unchanged', () => {
    const prior: CodePrior = { kind: 'categorical', classes: 4 };
    const normal = drawPrior(2000, 3, prior, createRng(6));
    const uniform = drawPrior(2000, 3, prior, createRng(6), 'uniform');
    let inside = true;
    for (let i = 0; i < 2000; i++) {
      for (let j = 0; j < 3; j++) if (Math.abs(uniform.z[7 * i + j]!) > 1) inside = false;
    }
    expect(inside).toBe(true);
    expect(moments(uniform.z, 7, 0).variance).toBeCloseTo(1 / 3, 1);
    expect(moments(normal.z, 7, 0).variance).toBeGreaterThan(0.8);
  });

  it('describes itself and names bad priors', () => {
    expect(describeCodePrior({ kind: 'categoricals', codes: 3, classes: 10 })).toBe(
      '3 one-hots of 10 classes',
    );
    expect(describeCodePrior({ kind: 'categorical', classes: 25 })).toBe('one-hot of 25 classes');
    expect(describeCodePrior({ kind: 'uniform', dim: 2 })).toBe('U(−1, 1)^2');
    for (const bad of [
      null,
      { kind: 'beta', dim: 2 },
      { kind: 'categorical', classes: 1 },
      { kind: 'uniform', dim: 0 },
      { kind: 'mixed', classes: 3 },
      { kind: 'categoricals', codes: 0, classes: 10 },
      { kind: 'categoricals', codes: 3 },
    ]) {
      expect(() => assertCodePrior(bad)).toThrow(/"codePrior"/);
    }
  });
});
