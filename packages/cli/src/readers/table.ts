/** Formats `mine` reads. */
export type TableFormat = 'csv' | 'tsv' | 'txt' | 'jsonl' | 'json' | 'npy';

/** A cell as read: a number (JSON, .npy), text (CSV/TSV), or null/undefined when absent. */
export type Cell = number | string | boolean | object | null | undefined;

/**
 * A file read into rows and columns, values not yet checked. Checking happens only for the
 * columns a user selects, so an id or label column elsewhere in the file does no harm.
 */
export interface Table {
  /** The path as the user gave it, for messages. */
  readonly file: string;
  readonly format: TableFormat;
  /** Column names (CSV header, JSON keys); undefined when columns only have indices. */
  readonly names: readonly string[] | undefined;
  readonly width: number;
  readonly rows: number;
  cell(row: number, col: number): Cell;
  /** Where data row `row` (0-based) is in the file, e.g. "line 12" (1-based) or "row 3". */
  where(row: number): string;
}

/** Tokens read as a missing value (case-insensitive), besides the empty cell. */
const MISSING = new Set(['na', 'n/a', 'nan', '-nan', 'null', 'none']);
const INFINITE = /^[+-]?(inf|infinity)$/i;

/** What a cell holds once read as a number. */
export type Parsed =
  | { kind: 'number'; value: number }
  | { kind: 'missing'; reason: string }
  | { kind: 'infinite' }
  | { kind: 'invalid' };

/** Reads a text or JSON cell as a number, telling missing, infinite and non-numeric apart. */
export function parseCell(cell: Cell): Parsed {
  if (typeof cell === 'number') {
    if (Number.isFinite(cell)) return { kind: 'number', value: cell };
    return Number.isNaN(cell) ? { kind: 'missing', reason: 'NaN' } : { kind: 'infinite' };
  }
  if (cell === undefined) return { kind: 'missing', reason: 'empty' };
  if (cell === null) return { kind: 'missing', reason: 'null' };
  if (typeof cell !== 'string') return { kind: 'invalid' };
  const text = cell.trim();
  if (text === '') return { kind: 'missing', reason: 'empty' };
  const value = Number(text);
  if (Number.isFinite(value)) return { kind: 'number', value };
  if (MISSING.has(text.toLowerCase())) return { kind: 'missing', reason: text };
  if (INFINITE.test(text) || value === Number.POSITIVE_INFINITY || value === -Infinity)
    return { kind: 'infinite' };
  return { kind: 'invalid' };
}

/** True for a cell that could start a data row: a number or a missing-value token. */
export function looksNumeric(cell: Cell): boolean {
  return parseCell(cell).kind !== 'invalid';
}
