import { describe, expect, it } from 'vitest';
import { readJsonArray, readJsonLines } from './jsonl.js';

describe('readJsonLines', () => {
  it('reads objects by key; a key missing from a line is an absent cell', () => {
    const t = readJsonLines('{"a":1,"b":2}\n\n{"b":4,"a":3,"c":"x"}\n{"a":5}\n', 'f.jsonl');
    expect(t.names).toEqual(['a', 'b', 'c']);
    expect(t.rows).toBe(3);
    expect(t.cell(1, 0)).toBe(3);
    expect(t.cell(1, 2)).toBe('x');
    expect(t.cell(2, 1)).toBeUndefined();
    expect(t.where(1)).toBe('line 3');
  });

  it('reads arrays by index', () => {
    const t = readJsonLines('[1,2,3]\n[4,5,6]', 'f.jsonl');
    expect(t.names).toBeUndefined();
    expect(t.width).toBe(3);
    expect(t.cell(1, 2)).toBe(6);
  });

  it('names the line of invalid JSON, mixed records and ragged arrays', () => {
    expect(() => readJsonLines('{"a":1}\n{"a":\n', 'f.jsonl')).toThrow(
      /^f\.jsonl: line 2: invalid JSON/,
    );
    expect(() => readJsonLines('{"a":1}\n[1]\n', 'f.jsonl')).toThrow(
      /^f\.jsonl: line 2: is not a JSON object/,
    );
    expect(() => readJsonLines('[1,2]\n[1]\n', 'f.jsonl')).toThrow(
      /line 2: has 1 values, expected 2/,
    );
    expect(() => readJsonLines('3\n', 'f.jsonl')).toThrow(/line 1: each record must be/);
  });

  it('reads a whole-file JSON array', () => {
    const t = readJsonArray('[{"a":1},{"a":2}]', 'f.json');
    expect(t.rows).toBe(2);
    expect(t.where(1)).toBe('record 2');
  });
});
