import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { MineError } from '@mine/core/base';
import { type IdxArray, IdxFormatError, parseIdx } from '../images/idx.js';

/** The sha256 of `bytes`, hex. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A file whose content is not the known file of that name. */
export class ChecksumError extends MineError {
  readonly file: string;
  constructor(file: string, expected: string, actual: string) {
    super(
      `${file}: sha256 ${actual} does not match the known file (${expected}); it is corrupt or a different version`,
    );
    this.name = 'ChecksumError';
    this.file = file;
  }
}

/**
 * Reads an IDX file, gunzipping it first when it starts with the gzip magic (1f 8b). When
 * `sha256` is given, the decompressed bytes must have that hash.
 */
export async function readIdxFile(path: string, expectedSha256?: string): Promise<IdxArray> {
  let bytes: Uint8Array;
  try {
    const buffer = await readFile(path);
    bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    throw new MineError(`${path}: cannot be read (${(error as Error).message})`, { cause: error });
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = new Uint8Array(gunzipSync(bytes));
    } catch (error) {
      throw new IdxFormatError(path, `corrupt gzip data (${(error as Error).message})`);
    }
  }
  if (expectedSha256) {
    const actual = sha256(bytes);
    if (actual !== expectedSha256) throw new ChecksumError(path, expectedSha256, actual);
  }
  return parseIdx(bytes, path);
}
