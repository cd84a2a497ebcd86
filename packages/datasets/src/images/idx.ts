import { MineError } from '@mine/core/base';

/** A decoded IDX file (LeCun's format of the MNIST files): unsigned bytes and their shape. */
export interface IdxArray {
  /** Sizes of each dimension, outermost first (e.g. [60000, 28, 28]). */
  readonly shape: readonly number[];
  readonly data: Uint8Array;
}

/** A file that is not the IDX file it should be (wrong magic, truncated, wrong shape). */
export class IdxFormatError extends MineError {
  readonly file: string;
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'IdxFormatError';
    this.file = file;
  }
}

/** IDX type code of unsigned bytes, the only type the MNIST family uses. */
const UBYTE = 0x08;

/**
 * Decodes IDX bytes: two zero bytes, the type code (0x08, unsigned byte), the number of
 * dimensions, one big-endian uint32 per dimension, then the values. `file` names the source in
 * errors. The returned data is a view of `bytes` (no copy).
 */
export function parseIdx(bytes: Uint8Array, file = 'IDX data'): IdxArray {
  if (bytes.length < 4)
    throw new IdxFormatError(file, `too short for an IDX header (${bytes.length} bytes)`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new IdxFormatError(
      file,
      `not an IDX file (magic bytes ${hex(bytes.subarray(0, 4))}; gzipped files must be decompressed first)`,
    );
  }
  if (bytes[2] !== UBYTE) {
    throw new IdxFormatError(
      file,
      `unsupported IDX value type 0x${bytes[2]!.toString(16)} (only 0x08, unsigned bytes)`,
    );
  }
  const rank = bytes[3]!;
  if (rank < 1) throw new IdxFormatError(file, 'IDX header declares no dimensions');
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength)
    throw new IdxFormatError(file, `truncated header (${bytes.length} of ${headerLength} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  for (let i = 0; i < rank; i++) shape.push(view.getUint32(4 + 4 * i, false));
  const size = shape.reduce((a, b) => a * b, 1);
  const expected = headerLength + size;
  if (bytes.length < expected) {
    throw new IdxFormatError(
      file,
      `truncated: ${bytes.length} bytes, the header [${shape}] needs ${expected}`,
    );
  }
  if (bytes.length > expected) {
    throw new IdxFormatError(
      file,
      `${bytes.length - expected} bytes after the data the header [${shape}] describes`,
    );
  }
  return { shape, data: bytes.subarray(headerLength, expected) };
}

/** Encodes unsigned bytes as an IDX file (the inverse of `parseIdx`). */
export function encodeIdx(shape: readonly number[], data: Uint8Array): Uint8Array {
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.length !== size)
    throw new MineError(`encodeIdx: ${data.length} values for shape [${shape}]`);
  const out = new Uint8Array(4 + 4 * shape.length + size);
  const view = new DataView(out.buffer);
  out[2] = UBYTE;
  out[3] = shape.length;
  for (const [i, d] of shape.entries()) view.setUint32(4 + 4 * i, d, false);
  out.set(data, 4 + 4 * shape.length);
  return out;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
