import { describe, expect, it } from 'vitest';
import { assertNotConstant, selectColumns } from './data.js';
import { readDelimited } from './readers/csv.js';

describe('selectColumns', () => {
  const text = 'id,a,b,label\n1,0.5,2,cat\n2,1.5,,dog\n3,NA,4,cow\n4,2.5,5,eel\n';

  it('copies the selected columns and ignores the others', () => {
    const t = readDelimited('id,a,b,label\n1,0.5,2,cat\n2,1.5,3,dog\n', 'f.csv', 'csv');
    const s = selectColumns(t, [1], [2, 0]);
    expect(Array.from(s.x.data)).toEqual([0.5, 1.5]);
    expect(Array.from(s.z.data)).toEqual([2, 1, 3, 2]);
    expect(s.z.cols).toBe(2);
  });

  it('names file, line and column of an empty, missing or non-numeric cell', () => {
    const t = readDelimited(text, 'f.csv', 'csv');
    expect(() => selectColumns(t, [1], [2])).toThrow(/^f\.csv: line 3, column "b": empty cell/);
    expect(() => selectColumns(t, [1], [3])).toThrow(
      /^f\.csv: line 2, column "label": "cat" is not a number/,
    );
    const u = readDelimited('a,b\n1,2\n3,NaN\n', 'g.csv', 'csv');
    expect(() => selectColumns(u, [0], [1])).toThrow(/line 3, column "b": missing value "NaN"/);
  });

  it('always rejects infinite values', () => {
    const t = readDelimited('a,b\n1,2\n3,-inf\n', 'f.csv', 'csv');
    expect(() => selectColumns(t, [0], [1], true)).toThrow(
      /line 3, column "b": "-inf" is infinite/,
    );
  });

  it('drops incomplete rows with dropMissing and counts them', () => {
    const t = readDelimited(text, 'f.csv', 'csv');
    const s = selectColumns(t, [1], [2], true);
    expect(s.x.rows).toBe(2);
    expect(Array.from(s.x.data)).toEqual([0.5, 2.5]);
    expect(s.dropped).toBe(2);
    expect(s.firstDropped).toBe('line 3');
  });
});

describe('assertNotConstant', () => {
  it('names a constant column', () => {
    const t = readDelimited('a,b\n1,7\n2,7\n3,7\n', 'f.csv', 'csv');
    const s = selectColumns(t, [0], [1]);
    expect(() => assertNotConstant(t, s.x, [0])).not.toThrow();
    expect(() => assertNotConstant(t, s.z, [1])).toThrow(
      /^f\.csv: column "b": is constant \(every value is 7\)/,
    );
  });
});
