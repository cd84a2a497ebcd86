import { type Matrix, unresolvedColumn, unresolvedMessage } from '@mine/core';
import { columnLabel } from './columns.js';
import { dataError, showValue } from './errors.js';
import { type Cell, parseCell, type Table } from './readers/table.js';

/** The number in a plain numeric cell, else NaN (then parseCell tells what is wrong). */
function quickNumber(cell: Cell): number {
  if (typeof cell === 'number') return cell;
  if (typeof cell !== 'string') return Number.NaN;
  const value = +cell; // '' and blanks give 0
  return value !== 0 || cell.trim() !== '' ? value : Number.NaN;
}

export interface Selected {
  x: Matrix;
  z: Matrix;
  /** Rows dropped by `dropMissing`. */
  dropped: number;
  /** Where the first dropped row was, e.g. "line 7". */
  firstDropped?: string;
}

/**
 * Copies the selected columns into row-major float64 matrices, checking every cell: an empty,
 * missing (NA, NaN, null) or non-numeric cell is an error unless `dropMissing`, which drops its
 * row; an infinite value is always an error. Messages name file, line/row and column.
 */
export function selectColumns(
  table: Table,
  xCols: readonly number[],
  zCols: readonly number[],
  dropMissing = false,
): Selected {
  const dx = xCols.length;
  const dz = zCols.length;
  const x = new Float64Array(table.rows * dx);
  const z = new Float64Array(table.rows * dz);
  let kept = 0;
  let dropped = 0;
  let firstDropped: string | undefined;
  const all = [...xCols, ...zCols];
  const values = new Float64Array(all.length);
  for (let row = 0; row < table.rows; row++) {
    let ok = true;
    for (let k = 0; k < all.length; k++) {
      const col = all[k]!;
      const cell = table.cell(row, col);
      const quick = quickNumber(cell);
      if (Number.isFinite(quick)) {
        values[k] = quick;
        continue;
      }
      const parsed = parseCell(cell);
      if (parsed.kind === 'number') {
        values[k] = parsed.value;
        continue;
      }
      const where = () => `${table.where(row)}, ${columnLabel(table, col)}`;
      if (parsed.kind === 'infinite') {
        throw dataError(table.file, where(), `${showValue(cell)} is infinite`);
      }
      if (dropMissing) {
        ok = false;
        break;
      }
      const problem =
        parsed.kind === 'invalid'
          ? `${showValue(cell)} is not a number`
          : parsed.reason === 'empty'
            ? 'empty cell'
            : `missing value ${showValue(cell)}`;
      throw dataError(table.file, where(), `${problem} (--drop-missing drops such rows)`);
    }
    if (!ok) {
      dropped++;
      firstDropped ??= table.where(row);
      continue;
    }
    for (let k = 0; k < dx; k++) x[kept * dx + k] = values[k]!;
    for (let k = 0; k < dz; k++) z[kept * dz + k] = values[dx + k]!;
    kept++;
  }
  return {
    x: { data: x.subarray(0, kept * dx), rows: kept, cols: dx },
    z: { data: z.subarray(0, kept * dz), rows: kept, cols: dz },
    dropped,
    firstDropped,
  };
}

/** Throws naming the first column of `cols` whose values are all equal. */
export function assertNotConstant(table: Table, m: Matrix, cols: readonly number[]): void {
  const { data, rows } = m;
  for (let j = 0; j < m.cols; j++) {
    const first = data[j]!;
    let i = 1;
    while (i < rows && data[i * m.cols + j] === first) i++;
    if (rows > 1 && i === rows) {
      throw dataError(
        table.file,
        columnLabel(table, cols[j]!),
        `is constant (every value is ${first}); it carries no information, leave it out`,
      );
    }
  }
}

/**
 * Throws naming the first column whose values are a few float64 steps around a large offset
 * (e.g. 1e16 + small noise): the digits that carry the information were lost when the file's
 * numbers became float64, and no estimator can get them back.
 */
export function assertResolved(table: Table, m: Matrix, cols: readonly number[]): void {
  const u = unresolvedColumn(m);
  if (u) throw dataError(table.file, columnLabel(table, cols[u.column]!), unresolvedMessage(u));
}
