import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { assertArgument, MineError } from '@mine/core/base';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { ImageSet } from '../images/image-set.js';

export interface LoadImageFolderOptions {
  /** Folder of .jpg / .jpeg / .png files (read in file-name order; other files are skipped). */
  dir: string;
  /** Side of the square output images. @default 64 */
  size?: number;
  /**
   * Side, in source pixels, of the centred square cut from each image before resizing.
   * @default the largest centred square (the shorter side)
   */
  crop?: number;
  /** 3: RGB; 1: luma (0.299 R + 0.587 G + 0.114 B). @default 3 */
  channels?: 1 | 3;
  /** Read at most this many images (the first in name order). @default all */
  limit?: number;
}

const EXTENSIONS = new Set(['.jpg', '.jpeg', '.png']);

/**
 * A folder of JPEG / PNG images as an `ImageSet` of `size`×`size` squares: each image is decoded
 * (pure-JS decoders: jpeg-js, pngjs), cut to its centred `crop`×`crop` square and resized by area
 * averaging (each output pixel the mean of the source area it covers, fractional pixels
 * weighted). The images carry no classes: labels are 0, `classes` is 1.
 */
export async function loadImageFolder(options: LoadImageFolderOptions): Promise<ImageSet> {
  const { dir, size = 64, crop, channels = 3, limit } = options;
  assertArgument(
    Number.isInteger(size) && size >= 1,
    'size',
    () => `must be a positive integer, got ${size}`,
  );
  assertArgument(
    crop === undefined || (Number.isInteger(crop) && crop >= 1),
    'crop',
    () => `must be a positive integer, got ${crop}`,
  );
  assertArgument(
    channels === 1 || channels === 3,
    'channels',
    () => `must be 1 or 3, got ${channels}`,
  );
  assertArgument(
    limit === undefined || (Number.isInteger(limit) && limit >= 1),
    'limit',
    () => `must be a positive integer, got ${limit}`,
  );
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new MineError(`${dir}: cannot be read (${(error as Error).message})`, { cause: error });
  }
  const files = names
    .filter((name) => EXTENSIONS.has(extname(name).toLowerCase()))
    .sort()
    .slice(0, limit);
  if (files.length === 0) throw new MineError(`${dir}: holds no .jpg, .jpeg or .png image`);
  const pixels = size * size * channels;
  const images = new Uint8Array(files.length * pixels);
  for (let i = 0; i < files.length; i++) {
    const path = join(dir, files[i]!);
    const rgba = decodeImage(path, new Uint8Array(await readFile(path)));
    const side = crop ?? Math.min(rgba.width, rgba.height);
    if (side > rgba.width || side > rgba.height) {
      throw new MineError(
        `${path}: is ${rgba.width}×${rgba.height}, smaller than the ${side}-px crop`,
      );
    }
    const left = Math.floor((rgba.width - side) / 2);
    const top = Math.floor((rgba.height - side) / 2);
    resizeInto(
      rgba,
      left,
      top,
      side,
      size,
      channels,
      images.subarray(i * pixels, (i + 1) * pixels),
    );
  }
  return {
    count: files.length,
    height: size,
    width: size,
    channels,
    images,
    labels: new Uint8Array(files.length),
    classes: 1,
  };
}

/**
 * CelebA (Liu et al., 2015) from a folder of its images, e.g. `img_align_celeba/`: the aligned
 * 178×218 faces cut to their centred 108×108 square and resized to 64×64 RGB, the preparation of
 * the DCGAN and ALI code. Other crops and sizes through the options.
 */
export function loadCelebA(options: LoadImageFolderOptions): Promise<ImageSet> {
  return loadImageFolder({ size: 64, crop: 108, ...options });
}

interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

function decodeImage(path: string, bytes: Uint8Array): Rgba {
  try {
    if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
    }
    if (bytes[0] === 0xff && bytes[1] === 0xd8) {
      const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
      return { width: image.width, height: image.height, data: image.data };
    }
  } catch (error) {
    throw new MineError(`${path}: cannot be decoded (${(error as Error).message})`, {
      cause: error,
    });
  }
  throw new MineError(`${path}: is neither a PNG nor a JPEG file`);
}

/** Source pixels (index, weight) each output pixel averages along one axis: [from, from + side) → out. */
function areaWeights(
  from: number,
  side: number,
  out: number,
): { index: number; weight: number }[][] {
  const scale = side / out;
  return Array.from({ length: out }, (_, o) => {
    const start = o * scale;
    const end = start + scale;
    const cells: { index: number; weight: number }[] = [];
    for (let p = Math.floor(start); p < Math.ceil(end); p++) {
      const weight = (Math.min(end, p + 1) - Math.max(start, p)) / scale;
      if (weight > 0) cells.push({ index: from + p, weight });
    }
    return cells;
  });
}

function resizeInto(
  image: Rgba,
  left: number,
  top: number,
  side: number,
  size: number,
  channels: 1 | 3,
  out: Uint8Array,
): void {
  const columns = areaWeights(left, side, size);
  const rows = areaWeights(top, side, size);
  const sum = [0, 0, 0];
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      sum[0] = 0;
      sum[1] = 0;
      sum[2] = 0;
      for (const row of rows[r]!) {
        for (const col of columns[c]!) {
          const w = row.weight * col.weight;
          const p = 4 * (row.index * image.width + col.index);
          sum[0] += w * image.data[p]!;
          sum[1] += w * image.data[p + 1]!;
          sum[2] += w * image.data[p + 2]!;
        }
      }
      const o = (r * size + c) * channels;
      if (channels === 3) {
        for (let k = 0; k < 3; k++) out[o + k] = clampByte(sum[k]!);
      } else {
        out[o] = clampByte(0.299 * sum[0]! + 0.587 * sum[1]! + 0.114 * sum[2]!);
      }
    }
  }
}

function clampByte(v: number): number {
  return Math.max(0, Math.min(255, Math.round(v)));
}
