import { InputError } from '../errors.js';
import type { Table } from './table.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** True when `bytes` start with the .npy magic string. */
export function isNpy(bytes: Uint8Array): boolean {
  return MAGIC.every((b, i) => bytes[i] === b);
}

export interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  /** Byte offset of the data. */
  dataOffset: number;
}

/** Parses the header of a .npy file (format versions 1, 2 and 3). */
export function parseNpyHeader(bytes: Uint8Array, file: string): NpyHeader {
  const fail = (problem: string) => new InputError(`${file}: not a valid .npy file: ${problem}`);
  if (bytes.length < 10 || !isNpy(bytes)) throw fail('missing the \\x93NUMPY magic string');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let length: number;
  let start: number;
  if (major === 1) {
    length = view.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw fail('header is cut short');
    length = view.getUint32(8, true);
    start = 12;
  } else {
    throw fail(`unsupported format version ${major}.${bytes[7]}`);
  }
  if (start + length > bytes.length) throw fail('header is cut short');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(start, start + length),
  );
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw fail(`cannot read the header ${JSON.stringify(header.trim())}`);
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (shape.some((n) => !Number.isInteger(n) || n < 0)) throw fail(`bad shape (${shapeText})`);
  return { descr, fortranOrder: fortran === 'True', shape, dataOffset: start + length };
}

const DTYPES: Record<
  string,
  { size: number; array: Float32ArrayConstructor | Float64ArrayConstructor }
> = {
  '<f4': { size: 4, array: Float32Array },
  '<f8': { size: 8, array: Float64Array },
};

/**
 * Reads a 2-D, C-order, little-endian float32 or float64 .npy array; columns are indices and
 * rows are reported 1-based ("row 3").
 */
export function readNpy(bytes: Uint8Array, file: string): Table {
  const { descr, fortranOrder, shape, dataOffset } = parseNpyHeader(bytes, file);
  const dtype = DTYPES[descr];
  if (!dtype) {
    throw new InputError(
      `${file}: unsupported .npy dtype '${descr}'; mine reads little-endian float32 ('<f4') or ` +
        `float64 ('<f8'): convert with x.astype('<f8')`,
    );
  }
  if (fortranOrder) {
    throw new InputError(
      `${file}: .npy array is in Fortran order; save a C-order copy (numpy.ascontiguousarray)`,
    );
  }
  if (shape.length !== 2) {
    throw new InputError(
      `${file}: .npy array has shape (${shape.join(', ')}); mine needs a 2-D array (rows, columns)`,
    );
  }
  const [rows, width] = shape as [number, number];
  const byteLength = rows * width * dtype.size;
  if (dataOffset + byteLength > bytes.length) {
    throw new InputError(
      `${file}: .npy data is cut short: shape (${rows}, ${width}) needs ${byteLength} bytes, ` +
        `found ${bytes.length - dataOffset}`,
    );
  }
  // Copy into an aligned buffer (the file's data offset need not be aligned in memory).
  const aligned = new Uint8Array(byteLength);
  aligned.set(bytes.subarray(dataOffset, dataOffset + byteLength));
  const data = new dtype.array(aligned.buffer);
  return {
    file,
    format: 'npy',
    names: undefined,
    width,
    rows,
    cell: (row, col) => data[row * width + col],
    where: (row) => `row ${row + 1}`,
  };
}
