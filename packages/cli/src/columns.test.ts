import { describe, expect, it } from 'vitest';
import { resolveColumns, resolveXZ } from './columns.js';

const named = { file: 'f.csv', names: ['a', 'b', 'c', 'd', 'e', '7', 'x-1'], width: 7 };
const plain = { file: 'f.npy', names: undefined, width: 6 };

describe('resolveColumns', () => {
  it('takes names, indices and inclusive ranges in the given order', () => {
    expect(resolveColumns('a,c', named, '--x')).toEqual([0, 2]);
    expect(resolveColumns('3, 1', named, '--x')).toEqual([3, 1]);
    expect(resolveColumns('0-2,e', named, '--x')).toEqual([0, 1, 2, 4]);
    expect(resolveColumns('2 - 4', plain, '--z')).toEqual([2, 3, 4]);
    expect(resolveColumns('b-d', named, '--z')).toEqual([1, 2, 3]);
  });

  it('prefers a name over an index or a range', () => {
    expect(resolveColumns('7', named, '--x')).toEqual([5]);
    expect(resolveColumns('x-1', named, '--x')).toEqual([6]);
  });

  it('rejects unknown, out-of-range, empty and repeated columns with the flag named', () => {
    expect(() => resolveColumns('q', named, '--x')).toThrow(
      /^--x: unknown column "q" in f\.csv; columns are "a", "b"/,
    );
    expect(() => resolveColumns('A', named, '--x')).toThrow(/did you mean "a"\?/);
    expect(() => resolveColumns('q', plain, '--z')).toThrow(/f\.npy has no column names/);
    expect(() => resolveColumns('9', plain, '--z')).toThrow(
      /^--z: column index 9 is out of range: f\.npy has 6 columns/,
    );
    expect(() => resolveColumns('4-9', plain, '--z')).toThrow(/out of range/);
    expect(() => resolveColumns('4-2', plain, '--z')).toThrow(/range "4-2" is empty/);
    expect(() => resolveColumns('d-b', named, '--z')).toThrow(/range "d-b" is empty/);
    expect(() => resolveColumns('a,,b', named, '--x')).toThrow(/empty column/);
    expect(() => resolveColumns('a,0', named, '--x')).toThrow(/column "a" is selected twice/);
  });

  it('rejects ambiguous duplicate header names', () => {
    const dup = { file: 'f.csv', names: ['a', 'a'], width: 2 };
    expect(() => resolveColumns('a', dup, '--x')).toThrow(/appears 2 times/);
  });
});

describe('resolveXZ', () => {
  it('rejects overlapping --x and --z, naming the columns', () => {
    expect(resolveXZ(named, 'a,b', 'c')).toEqual({ x: [0, 1], z: [2] });
    expect(() => resolveXZ(named, 'a,b', 'b-c')).toThrow(/--x and --z overlap: column "b"/);
    expect(() => resolveXZ(plain, '0-3', '3-5')).toThrow(/column 3 \(0-based\)/);
  });
});
