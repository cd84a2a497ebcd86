import type { Matrix } from '@mine/core';
import { type ColumnSource, columnLabel } from './columns.js';
import { InputError } from './errors.js';

// Data on which I(x; z) is infinite, or is an entropy rather than a dependence between continuous
// variables: a z column that is a monotone function of an x column (a copy, 3x + 1, exp(x), a
// rounded copy) or a linear function of the x columns. Estimators return finite numbers there
// (KSG about log n, MINE whatever its critic reaches), with nothing to say they are meaningless.

/** Rows drawn to screen column pairs before the full check (a random pair fails within a few). */
const SCREEN_ROWS = 256;
/** Most rows the linear check uses (an exact linear relation holds on any subset). */
const LINEAR_ROWS = 20_000;
/** Most columns for the linear check (it costs d³ besides rows·d²). */
const LINEAR_MAX_COLUMNS = 200;

type Direction = 'increasing' | 'decreasing';

interface Relation {
  direction: Direction;
  /** One-to-one: different keys never share a value. */
  strict: boolean;
}

function column(m: Matrix, j: number, rows?: Int32Array): Float64Array {
  const n = rows ? rows.length : m.rows;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = m.data[(rows ? rows[i]! : i) * m.cols + j]!;
  return out;
}

function order(values: Float64Array): Int32Array {
  const idx = new Int32Array(values.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => values[a]! - values[b]!);
}

/**
 * Whether `value` is a monotone function of `key` (equal keys, equal values), walking the rows
 * in the order of `key`; undefined when it is not.
 */
function relation(key: Float64Array, value: Float64Array, byKey: Int32Array): Relation | undefined {
  let sign = 0;
  let strict = true;
  for (let p = 1; p < byKey.length; p++) {
    const a = byKey[p - 1]!;
    const b = byKey[p]!;
    const dv = value[b]! - value[a]!;
    if (key[b] === key[a]) {
      if (dv !== 0) return undefined;
      continue;
    }
    if (dv === 0) {
      strict = false;
      continue;
    }
    const s = dv > 0 ? 1 : -1;
    if (sign === 0) sign = s;
    else if (s !== sign) return undefined;
  }
  if (sign === 0) return undefined;
  return { direction: sign > 0 ? 'increasing' : 'decreasing', strict };
}

/** Distinct values and their plug-in entropy (nats), from the rows sorted by value. */
function distinct(values: Float64Array, sorted: Int32Array): { count: number; entropy: number } {
  const n = sorted.length;
  let count = 0;
  let entropy = 0;
  let run = 0;
  for (let p = 0; p < n; p++) {
    run++;
    if (p === n - 1 || values[sorted[p + 1]!] !== values[sorted[p]!]) {
      count++;
      entropy -= (run / n) * Math.log(run / n);
      run = 0;
    }
  }
  return { count, entropy };
}

function sample(n: number, size: number): Int32Array {
  // Evenly spread rows: deterministic, and files are seldom sorted by a column in a way that
  // hides a non-monotone pair from every 1-in-(n/size) row.
  const m = Math.min(n, size);
  return Int32Array.from({ length: m }, (_, i) => Math.floor((i * n) / m));
}

export interface DegenerateInput {
  table: ColumnSource;
  x: Matrix;
  z: Matrix;
  /** Table columns of x and z, for names in messages. */
  xCols: readonly number[];
  zCols: readonly number[];
  /** Finds a z column that is a linear function of x: `linearDependence` of @mine/metrics. */
  linear?: (x: Matrix, z: Matrix) => { kind: string; column: number } | undefined;
}

/**
 * Throws InputError when I(x; z) is infinite: a z column is a one-to-one monotone function of an
 * x column that takes many values (more than half the rows distinct), or a linear function of
 * the x columns. Returns warnings for monotone functions of a discrete column, where the MI is an
 * entropy (finite) that estimators for continuous data misjudge.
 */
export function checkDegenerate(input: DegenerateInput): string[] {
  const { table, x, z, xCols, zCols } = input;
  const n = x.rows;
  const label = (flag: '--x' | '--z', col: number) => `${flag} ${columnLabel(table, col)}`;
  const warnings: string[] = [];
  /** z columns already reported as functions of an x column. */
  const explained = new Set<number>();
  const screen = sample(n, SCREEN_ROWS);
  const xs = Array.from({ length: x.cols }, (_, j) => column(x, j, screen));
  const zs = Array.from({ length: z.cols }, (_, k) => column(z, k, screen));
  const xOrder = xs.map(order);
  const zOrder = zs.map(order);
  const full = new Map<string, { values: Float64Array; sorted: Int32Array }>();
  const fullColumn = (which: 'x' | 'z', j: number) => {
    const id = `${which}${j}`;
    let c = full.get(id);
    if (!c) {
      const values = column(which === 'x' ? x : z, j);
      c = { values, sorted: order(values) };
      full.set(id, c);
    }
    return c;
  };
  for (let j = 0; j < x.cols; j++) {
    for (let k = 0; k < z.cols; k++) {
      // Which column is a function of which: z of x (key x), or x of z (key z).
      for (const keyIsX of [true, false]) {
        const screened = keyIsX
          ? relation(xs[j]!, zs[k]!, xOrder[j]!)
          : relation(zs[k]!, xs[j]!, zOrder[k]!);
        if (!screened) continue;
        const key = keyIsX ? fullColumn('x', j) : fullColumn('z', k);
        const value = keyIsX ? fullColumn('z', k) : fullColumn('x', j);
        const r = relation(key.values, value.values, key.sorted);
        if (!r) continue;
        const from = keyIsX ? label('--x', xCols[j]!) : label('--z', zCols[k]!);
        const to = keyIsX ? label('--z', zCols[k]!) : label('--x', xCols[j]!);
        const image = distinct(value.values, value.sorted);
        if (image.count > n / 2) {
          const same = key.values.every((v, i) => v === value.values[i]);
          const what = same
            ? 'an exact copy of'
            : r.strict
              ? `a strictly ${r.direction} function of`
              : `a non-${r.direction === 'increasing' ? 'decreasing' : 'increasing'} function of`;
          throw new InputError(
            `${table.file}: ${to} is ${what} ${from}: I(x; z) is infinite (or, for a rounded copy, larger than ${n} rows can show), so no estimate is meaningful; leave one of them out`,
          );
        }
        warnings.push(
          `${to} is ${r.direction === 'increasing' ? 'an' : 'a'} ${r.direction} function of ${from} and takes ${image.count} distinct values: I(x; z) ≥ their entropy, ${image.entropy.toFixed(3)} nats; estimators for continuous data are biased on such discrete data`,
        );
        if (keyIsX) explained.add(k);
        break;
      }
    }
  }
  const d = x.cols + z.cols;
  if (input.linear && d <= LINEAR_MAX_COLUMNS && n > d + 1) {
    const rows = n > LINEAR_ROWS ? sample(n, LINEAR_ROWS) : undefined;
    const pick = (m: Matrix): Matrix => {
      if (!rows) return m;
      const data = new Float64Array(rows.length * m.cols);
      for (let i = 0; i < rows.length; i++) {
        data.set(m.data.subarray(rows[i]! * m.cols, (rows[i]! + 1) * m.cols), i * m.cols);
      }
      return { data, rows: rows.length, cols: m.cols };
    };
    let found = input.linear(pick(x), pick(z));
    // Confirm a relation seen on a sample of the rows on all of them.
    if (found?.kind === 'xz' && rows) found = input.linear(x, z);
    if (found?.kind === 'xz' && !explained.has(found.column)) {
      const what = `${label('--z', zCols[found.column]!)} is (numerically) a linear function of the --x columns`;
      const { values, sorted } = fullColumn('z', found.column);
      const image = distinct(values, sorted);
      if (image.count > n / 2) {
        throw new InputError(
          `${table.file}: ${what}: I(x; z) is infinite, so no estimate is meaningful; leave it out`,
        );
      }
      warnings.push(
        `${what} and takes ${image.count} distinct values: I(x; z) ≥ their entropy, ${image.entropy.toFixed(3)} nats; estimators for continuous data are biased on such discrete data`,
      );
    }
  }
  return warnings;
}
