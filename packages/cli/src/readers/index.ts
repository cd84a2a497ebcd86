import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../errors.js';
import { readDelimited } from './csv.js';
import { readJsonArray, readJsonLines } from './jsonl.js';
import { isNpy, readNpy } from './npy.js';
import type { Table, TableFormat } from './table.js';

export type { Cell, Table, TableFormat } from './table.js';

export const FORMATS: readonly TableFormat[] = ['csv', 'tsv', 'txt', 'jsonl', 'json', 'npy'];

const BY_EXTENSION: Record<string, TableFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.txt': 'txt',
  '.dat': 'txt',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.npy': 'npy',
};

const KNOWN = '.csv, .tsv, .txt, .jsonl, .ndjson, .json or .npy';

export interface ReadOptions {
  /** Force the format instead of detecting it from the extension and the content. */
  format?: TableFormat;
  /** Delimited text only: true/false forces a header row or none; undefined detects it. */
  header?: boolean;
}

function readBytes(file: string): Buffer {
  try {
    if (statSync(file).isDirectory()) throw new InputError(`${file}: is a directory, not a file`);
    return readFileSync(file);
  } catch (error) {
    if (InputError.isInstance(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : `cannot read the file (${code ?? (error as Error).message})`;
    throw new InputError(`${file}: ${reason}`);
  }
}

function isBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/** Guesses the format of a file whose extension says nothing, from its first bytes. */
function sniffFormat(bytes: Uint8Array, file: string): TableFormat {
  if (isNpy(bytes)) return 'npy';
  if (isBinary(bytes)) {
    throw new InputError(
      `${file}: unknown file type (binary content${extname(file) ? `, extension ${extname(file)}` : ''}); mine reads ${KNOWN}`,
    );
  }
  const head = Buffer.from(bytes.subarray(0, 65_536))
    .toString('utf8')
    .replace(/^\ufeff/, '');
  const first = head.trimStart()[0];
  if (first === '{') return 'jsonl';
  if (first === '[') {
    const line = head.trimStart().split('\n', 1)[0]!.trim();
    try {
      JSON.parse(line);
      return 'jsonl';
    } catch {
      return 'json';
    }
  }
  return 'txt';
}

/** Detects the format: a known extension decides, else the content (see sniffFormat). */
export function detectFormat(file: string, bytes: Uint8Array): TableFormat {
  const byExtension = BY_EXTENSION[extname(file).toLowerCase()];
  if (byExtension === 'npy') return 'npy';
  if (byExtension && isBinary(bytes) && !isNpy(bytes)) {
    throw new InputError(`${file}: unknown file type (binary content in a ${byExtension} file)`);
  }
  if (byExtension && !isNpy(bytes)) return byExtension;
  return sniffFormat(bytes, file);
}

/** Reads a data file into a {@link Table}. Throws InputError naming the file (and line). */
export function readTable(file: string, options: ReadOptions = {}): Table {
  const bytes = readBytes(file);
  if (bytes.length === 0) throw new InputError(`${file}: the file is empty`);
  const format = options.format ?? detectFormat(file, bytes);
  if (format === 'npy') return readNpy(bytes, file);
  const text = bytes.toString('utf8');
  if (format === 'jsonl') return readJsonLines(text, file);
  if (format === 'json') return readJsonArray(text, file);
  return readDelimited(text, file, format, { header: options.header });
}
