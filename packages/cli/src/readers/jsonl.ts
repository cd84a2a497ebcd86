import { dataError, InputError } from '../errors.js';
import type { Cell, Table } from './table.js';

type Row = Record<string, Cell> | Cell[];

function kindOf(value: unknown): 'object' | 'array' | undefined {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object' && value !== null) return 'object';
  return undefined;
}

/**
 * Builds a table from records that are all objects (columns are keys, in order of first
 * appearance; a key absent from a record is a missing cell) or all arrays of one length (columns
 * are indices).
 */
function fromRecords(
  records: readonly unknown[],
  file: string,
  format: 'jsonl' | 'json',
  where: (i: number) => string,
): Table {
  if (records.length === 0) throw new InputError(`${file}: the file has no records`);
  const kind = kindOf(records[0]);
  if (!kind) {
    throw dataError(file, where(0), 'each record must be a JSON object or an array of numbers');
  }
  for (let i = 1; i < records.length; i++) {
    if (kindOf(records[i]) !== kind) {
      throw dataError(file, where(i), `is not a JSON ${kind} like the first record`);
    }
  }
  const rows = records as readonly Row[];
  if (kind === 'array') {
    const arrays = rows as readonly Cell[][];
    const width = arrays[0]!.length;
    for (let i = 1; i < arrays.length; i++) {
      if (arrays[i]!.length !== width) {
        throw dataError(file, where(i), `has ${arrays[i]!.length} values, expected ${width}`);
      }
    }
    return {
      file,
      format,
      names: undefined,
      width,
      rows: arrays.length,
      cell: (row, col) => arrays[row]![col],
      where,
    };
  }
  const objects = rows as readonly Record<string, Cell>[];
  const seen = new Set<string>();
  const names: string[] = [];
  for (const object of objects) {
    for (const key of Object.keys(object)) {
      if (!seen.has(key)) {
        seen.add(key);
        names.push(key);
      }
    }
  }
  return {
    file,
    format,
    names,
    width: names.length,
    rows: objects.length,
    cell: (row, col) => objects[row]![names[col]!],
    where,
  };
}

/** Reads JSON Lines: one JSON object or array per line; blank lines are skipped. */
export function readJsonLines(text: string, file: string): Table {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: unknown[] = [];
  const lines: number[] = [];
  let start = 0;
  let lineNumber = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNumber++;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === '') continue;
    try {
      records.push(JSON.parse(line));
    } catch (error) {
      throw dataError(file, `line ${lineNumber}`, `invalid JSON (${(error as Error).message})`);
    }
    lines.push(lineNumber);
  }
  return fromRecords(records, file, 'jsonl', (i) => `line ${lines[i]}`);
}

/** Reads a whole-file JSON array of records (objects or arrays). */
export function readJsonArray(text: string, file: string): Table {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: invalid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(value)) {
    throw new InputError(`${file}: expected a JSON array of records (objects or arrays)`);
  }
  return fromRecords(value, file, 'json', (i) => `record ${i + 1}`);
}
