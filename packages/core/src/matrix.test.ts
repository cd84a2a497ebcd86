import { describe, expect, it } from 'vitest';
import {
  assertResolvedColumns,
  columnScale,
  float64Step,
  MIN_RESOLVED_STEPS,
  unresolvedColumn,
} from './matrix.js';

const column = (values: number[]) => ({
  data: Float64Array.from(values),
  rows: values.length,
  cols: 1,
});

describe('columnScale', () => {
  it('gives the mean and sd in units of the largest |value|, finite at any magnitude', () => {
    const values = [1, 2, 3, 4, 6];
    for (const c of [1, 1e-300, 1e300, 1.5e308 / 6, 5e-324]) {
      const { maxAbs, unit, mean, sd } = columnScale(
        values.map((v) => v * c),
        5,
        1,
        0,
      );
      expect(maxAbs).toBe(6 * c);
      expect(maxAbs / unit).toBeGreaterThanOrEqual(1);
      expect(maxAbs / unit).toBeLessThan(2);
      expect(mean * (unit / c)).toBeCloseTo(3.2, 12);
      expect(sd * (unit / c)).toBeCloseTo(Math.sqrt(3.7), 12);
    }
  });

  it('reads one column of a row-major matrix', () => {
    expect(columnScale([1, -8, 3, 4], 2, 2, 1)).toMatchObject({ maxAbs: 8, unit: 8, mean: -0.25 });
  });

  it('keeps the digits of values clustered far from 0 (1e15 + small integers)', () => {
    const { unit, mean, sd } = columnScale(
      [0, 1, 2, 3, 4].map((v) => 1e15 + v),
      5,
      1,
      0,
    );
    expect(mean * unit - 1e15).toBe(2);
    expect(sd * unit).toBeCloseTo(Math.sqrt(2.5), 12);
  });
});

describe('unresolvedColumn', () => {
  it('flags a spread of a few float64 steps around a large offset, and only that', () => {
    const noise = [-1.5, -0.5, 0, 0.5, 1.5, 0.25, -0.25, 1];
    expect(float64Step(1e16)).toBe(2);
    expect(float64Step(1)).toBe(2 ** -52);
    expect(float64Step(0)).toBe(2 ** -1074);
    const offset = unresolvedColumn(column(noise.map((v) => 1e16 + v)));
    expect(offset).toMatchObject({ column: 0, magnitude: expect.any(Number), step: 2 });
    expect(offset!.sd).toBeLessThan(MIN_RESOLVED_STEPS * 2);
    expect(unresolvedColumn(column(noise.map((v) => 1e12 + v)))).toBeUndefined();
    expect(unresolvedColumn(column(noise.map((v) => 1e300 * v)))).toBeUndefined();
    expect(unresolvedColumn(column(noise.map((v) => 1e-300 * v)))).toBeUndefined();
    expect(unresolvedColumn(column([3, 3, 3]))).toBeUndefined(); // constant: checked elsewhere
    expect(() => assertResolvedColumns(column(noise.map((v) => 1e16 + v)), 'x')).toThrow(
      /Invalid argument "x": column 0: values of magnitude 1\.00e\+16 vary by only/,
    );
  });
});
