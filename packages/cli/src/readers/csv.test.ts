import { describe, expect, it } from 'vitest';
import { detectHeader, readDelimited, sniffDelimiter } from './csv.js';
import type { Table } from './table.js';

function rows(t: Table): unknown[][] {
  return Array.from({ length: t.rows }, (_, i) =>
    Array.from({ length: t.width }, (_, j) => t.cell(i, j)),
  );
}

describe('readDelimited', () => {
  it('reads a CSV with a header and reports 1-based file lines', () => {
    const t = readDelimited('a,b,c\n1,2,3\n\n4,5,6\n', 'f.csv', 'csv');
    expect(t.names).toEqual(['a', 'b', 'c']);
    expect(t.width).toBe(3);
    expect(rows(t)).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    expect(t.where(0)).toBe('line 2');
    expect(t.where(1)).toBe('line 4'); // the blank line 3 is skipped but counted
  });

  it('reads a CSV without a header', () => {
    const t = readDelimited('1,2\r\n3,4\r\n', 'f.csv', 'csv');
    expect(t.names).toBeUndefined();
    expect(t.rows).toBe(2);
    expect(t.where(0)).toBe('line 1');
  });

  it('handles quoted fields with delimiters, quotes and newlines', () => {
    const text = '"name, full","x"\n"a ""b""",1\n"multi\nline",2\n';
    const t = readDelimited(text, 'f.csv', 'csv');
    expect(t.names).toEqual(['name, full', 'x']);
    expect(rows(t)).toEqual([
      ['a "b"', '1'],
      ['multi\nline', '2'],
    ]);
    expect(t.where(1)).toBe('line 4');
  });

  it('reads TSV and strips a byte-order mark', () => {
    const t = readDelimited('\ufeffx\ty\n1.5\t-2e3\n', 'f.tsv', 'tsv');
    expect(t.names).toEqual(['x', 'y']);
    expect(rows(t)).toEqual([['1.5', '-2e3']]);
  });

  it('sniffs the delimiter of .txt files, including whitespace', () => {
    expect(sniffDelimiter('1\t2\n3\t4\n', 'txt')).toBe('\t');
    expect(sniffDelimiter('1;2;3\n4;5;6\n', 'txt')).toBe(';');
    expect(sniffDelimiter('1.0 2.0\n3.0  4.0\n', 'txt')).toBe('whitespace');
    expect(sniffDelimiter('a;b\n1;2\n', 'csv')).toBe(';');
    const t = readDelimited('  1.0 2.0\n3.0   4.0\n', 'f.txt', 'txt');
    expect(rows(t)).toEqual([
      ['1.0', '2.0'],
      ['3.0', '4.0'],
    ]);
  });

  it('detects a header only when the first row has text where the second has numbers', () => {
    expect(detectHeader(['a', 'b'], ['1', '2'])).toBe(true);
    expect(detectHeader(['1', 'cat'], ['2', 'dog'])).toBe(false);
    expect(detectHeader(['1', 'NA'], ['2', '3'])).toBe(false);
    expect(detectHeader(['x'])).toBe(true);
  });

  it('lets --header / --no-header override detection', () => {
    expect(readDelimited('1,2\n3,4\n', 'f.csv', 'csv', { header: true }).names).toEqual(['1', '2']);
    const t = readDelimited('a,b\n3,4\n', 'f.csv', 'csv', { header: false });
    expect(t.names).toBeUndefined();
    expect(t.rows).toBe(2);
  });

  it('rejects a row with the wrong number of fields, naming the line', () => {
    expect(() => readDelimited('a,b\n1,2\n3\n', 'f.csv', 'csv')).toThrow(
      /^f\.csv: line 3: has 1 fields, expected 2/,
    );
  });

  it('reports CSV syntax errors with the line', () => {
    expect(() => readDelimited('a,b\n1,"2\n', 'f.csv', 'csv')).toThrow(
      /^f\.csv: line \d+: cannot parse/,
    );
  });
});
