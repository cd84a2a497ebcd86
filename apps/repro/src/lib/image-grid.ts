/**
 * Sample grids as PNG files (Figure 5 of the paper): images tiled in a grid with a gap, encoded
 * as 8-bit RGB by a minimal PNG writer (zlib from Node; no image library is needed).
 */
import { crc32, deflateSync } from 'node:zlib';

/** A PNG file of an 8-bit RGB image, `rgb` row-major [height, width, 3]. */
export function encodePng(rgb: Uint8Array, width: number, height: number): Uint8Array {
  if (rgb.length !== width * height * 3) {
    throw new Error(`encodePng: expected ${width * height * 3} bytes, got ${rgb.length}`);
  }
  // Each scanline starts with filter type 0 (none).
  const raw = new Uint8Array(height * (width * 3 + 1));
  for (let y = 0; y < height; y++) {
    raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1);
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, no filter, no interlace
  const chunks = [
    chunk('IHDR', header),
    chunk('IDAT', new Uint8Array(deflateSync(raw))),
    chunk('IEND', new Uint8Array(0)),
  ];
  const signature = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const out = new Uint8Array(signature.length + chunks.reduce((s, c) => s + c.length, 0));
  out.set(signature, 0);
  let at = signature.length;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  const typed = new TextEncoder().encode(type);
  out.set(typed, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

export interface GridOptions {
  /** Images per row. */
  columns: number;
  /** Pixels between images. @default 2 */
  gap?: number;
  /** Each pixel drawn as scale × scale. @default 2 */
  scale?: number;
  /** Value range of the pixels. @default [−1, 1] (a tanh generator's) */
  range?: readonly [number, number];
}

/**
 * n images [n, size, size, channels] (row-major floats in `range`; 1 channel is drawn grey,
 * 3 as RGB) tiled into a grid on a white background, as a PNG file.
 */
export function imageGridPng(
  pixels: Float32Array,
  n: number,
  size: number,
  channels: 1 | 3,
  options: GridOptions,
): Uint8Array {
  const { columns, gap = 2, scale = 2, range = [-1, 1] } = options;
  if (pixels.length !== n * size * size * channels) {
    throw new Error(
      `imageGridPng: expected ${n * size * size * channels} values, got ${pixels.length}`,
    );
  }
  const rows = Math.ceil(n / columns);
  const width = (columns * (size + gap) + gap) * scale;
  const height = (rows * (size + gap) + gap) * scale;
  const rgb = new Uint8Array(width * height * 3).fill(255);
  const [low, high] = range;
  const byte = (v: number) =>
    Math.max(0, Math.min(255, Math.round((255 * (v - low)) / (high - low))));
  for (let i = 0; i < n; i++) {
    const left = gap + (i % columns) * (size + gap);
    const top = gap + Math.floor(i / columns) * (size + gap);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const at = ((i * size + y) * size + x) * channels;
        const colour =
          channels === 3
            ? [byte(pixels[at]!), byte(pixels[at + 1]!), byte(pixels[at + 2]!)]
            : [byte(pixels[at]!), byte(pixels[at]!), byte(pixels[at]!)];
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const p = (((top + y) * scale + dy) * width + (left + x) * scale + dx) * 3;
            rgb[p] = colour[0]!;
            rgb[p + 1] = colour[1]!;
            rgb[p + 2] = colour[2]!;
          }
        }
      }
    }
  }
  return encodePng(rgb, width, height);
}
