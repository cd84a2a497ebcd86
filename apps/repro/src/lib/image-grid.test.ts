import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng, imageGridPng } from './image-grid.js';

describe('PNG sample grids', () => {
  it('encodes a valid PNG whose pixels read back', () => {
    const rgb = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]);
    const png = encodePng(rgb, 2, 2);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer);
    expect(new TextDecoder().decode(png.subarray(12, 16))).toBe('IHDR');
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([2, 2]);
    const idatLength = view.getUint32(33);
    expect(new TextDecoder().decode(png.subarray(37, 41))).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    // Two scanlines, each a filter byte (0) and 2 RGB pixels.
    expect([...raw]).toEqual([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 10, 20, 30]);
    expect(() => encodePng(rgb, 3, 2)).toThrow(/18 bytes/);
  });

  it('tiles images with gaps, scaled from [−1, 1]', () => {
    // Two 2×2 RGB images: all −1 (black) and all 1 (white), in one row, gap 1, scale 1.
    const pixels = new Float32Array(2 * 2 * 2 * 3);
    pixels.fill(-1, 0, 12).fill(1, 12);
    const png = imageGridPng(pixels, 2, 2, 3, { columns: 2, gap: 1, scale: 1 });
    const view = new DataView(png.buffer);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([7, 4]);
    const raw = inflateSync(png.subarray(41, 41 + view.getUint32(33)));
    // Row 1 (the first image row): white gap, black, black, white gap, white, white, white gap.
    const row = [...raw.subarray(22, 44)];
    expect(row[0]).toBe(0);
    expect(row.slice(1, 4)).toEqual([255, 255, 255]);
    expect(row.slice(4, 10)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(row.slice(13, 19)).toEqual([255, 255, 255, 255, 255, 255]);
  });
});
