import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot } from './snapshot-codec.js';

describe('snapshot codec', () => {
  it('round-trips JSON and float arrays bit for bit, and rejects bad bytes', () => {
    const value = {
      a: 1,
      b: [Float32Array.from([1.5, Number.NEGATIVE_INFINITY, Number.NaN])],
      c: Float32Array.from([2]),
    };
    const bytes = encodeSnapshot('TESTSNP1', value);
    const back = decodeSnapshot<typeof value>(bytes, 'TESTSNP1', 'test snapshot');
    expect(back.a).toBe(1);
    expect(Array.from(back.b[0]!)).toEqual([1.5, Number.NEGATIVE_INFINITY, Number.NaN]);
    expect(Array.from(back.c)).toEqual([2]);
    expect(() => decodeSnapshot(bytes, 'OTHERSN1', 'other file')).toThrow(/Not a other file/);
    expect(() =>
      decodeSnapshot(bytes.subarray(0, bytes.length - 2), 'TESTSNP1', 'test snapshot'),
    ).toThrow(/Truncated/);
    expect(() =>
      decodeSnapshot(bytes.subarray(0, bytes.length - 4), 'TESTSNP1', 'test snapshot'),
    ).toThrow(/Truncated/);
  });
});
