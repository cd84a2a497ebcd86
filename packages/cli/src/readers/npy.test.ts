import { describe, expect, it } from 'vitest';
import { encodeNpy } from '../testing/npy.js';
import { parseNpyHeader, readNpy } from './npy.js';

describe('readNpy', () => {
  it('reads float64 and float32 arrays, C order', () => {
    const f64 = readNpy(encodeNpy(Float64Array.from([1, 2, 3, 4, 5, 6]), [3, 2]), 'a.npy');
    expect([f64.rows, f64.width]).toEqual([3, 2]);
    expect(f64.cell(2, 1)).toBe(6);
    expect(f64.cell(1, 0)).toBe(3);
    expect(f64.where(0)).toBe('row 1');
    const f32 = readNpy(encodeNpy(Float32Array.from([0.5, -1.25]), [1, 2]), 'b.npy');
    expect(f32.cell(0, 1)).toBe(-1.25);
  });

  it('reads format version 2 headers', () => {
    const bytes = encodeNpy(Float64Array.from([1, 2]), [2, 1], { version: 2 });
    expect(parseNpyHeader(bytes, 'c.npy').shape).toEqual([2, 1]);
    expect(readNpy(bytes, 'c.npy').cell(1, 0)).toBe(2);
  });

  it('reads from an unaligned view of a larger buffer', () => {
    const bytes = encodeNpy(Float64Array.from([7, 8]), [1, 2]);
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(readNpy(padded.subarray(3), 'd.npy').cell(0, 1)).toBe(8);
  });

  it('rejects other dtypes, Fortran order, other ranks and truncated data', () => {
    const data = Float64Array.from([1, 2]);
    expect(() => readNpy(encodeNpy(data, [2, 1], { descr: '>f8' }), 'e.npy')).toThrow(
      /unsupported .npy dtype '>f8'/,
    );
    expect(() => readNpy(encodeNpy(data, [2, 1], { descr: '<i8' }), 'e.npy')).toThrow(
      /dtype '<i8'/,
    );
    expect(() => readNpy(encodeNpy(data, [1, 2], { fortranOrder: true }), 'e.npy')).toThrow(
      /Fortran order/,
    );
    expect(() => readNpy(encodeNpy(data, [2]), 'e.npy')).toThrow(
      /shape \(2\); mine needs a 2-D array/,
    );
    expect(() => readNpy(encodeNpy(data, [2, 2]), 'e.npy')).toThrow(/cut short/);
    expect(() => readNpy(new TextEncoder().encode('hello world'), 'e.npy')).toThrow(/magic/);
  });
});
