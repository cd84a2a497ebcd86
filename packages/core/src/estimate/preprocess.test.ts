import { describe, expect, it } from 'vitest';
import { transformColumns } from './preprocess.js';

describe('transformColumns', () => {
  const values = [0.3, -1.2, 2.5, 0.7, -0.4, 1.1];
  const matrix = (c: number) => ({
    data: Float64Array.from(values, (v) => v * c),
    rows: 6,
    cols: 1,
  });

  it('standardises to the same values at any magnitude (no overflow, no underflow)', () => {
    const base = transformColumns(matrix(1), 'standardize');
    let mean = 0;
    for (const v of base) mean += v / 6;
    expect(Math.abs(mean)).toBeLessThan(1e-6);
    for (const c of [1e-300, 1e-160, 1e160, 1e300, -1e307]) {
      const scaled = transformColumns(matrix(c), 'standardize');
      for (let i = 0; i < 6; i++) expect(scaled[i]).toBeCloseTo(Math.sign(c) * base[i]!, 6);
    }
  });

  it('gives rank scores that do not depend on the magnitude', () => {
    const base = transformColumns(matrix(1), 'rank');
    expect(transformColumns(matrix(1e300), 'rank')).toEqual(base);
    expect(transformColumns(matrix(1e-300), 'rank')).toEqual(base);
  });
});
