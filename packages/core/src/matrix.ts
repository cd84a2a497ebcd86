import type * as tf from '@tensorflow/tfjs-core';
import { assertArgument } from './errors.js';

/** A dense row-major matrix: `data[i * cols + j]` is row i, column j. */
export interface Matrix {
  readonly data: Float64Array | Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * What public entry points accept as a data matrix: rows as arrays, a typed array with its shape,
 * a Matrix, or a rank-2 tensor (read synchronously; the caller keeps ownership).
 */
export type MatrixInput =
  | readonly (readonly number[])[]
  | { readonly data: ArrayLike<number>; readonly shape: readonly [number, number] }
  | Matrix
  | tf.Tensor;

function isTensor(value: unknown): value is tf.Tensor {
  return (
    typeof value === 'object' &&
    value !== null &&
    'dataSync' in value &&
    'shape' in value &&
    'rank' in value
  );
}

/**
 * Converts and checks a data matrix: rank 2, at least one row and column, all values finite.
 * Errors name `argument` and, for bad values, the row and column.
 */
export function toMatrix(input: MatrixInput, argument: string): Matrix {
  assertArgument(input != null, argument, () => 'is required');
  let data: Float64Array | Float32Array;
  let rows: number;
  let cols: number;
  if (isTensor(input)) {
    assertArgument(
      input.rank === 2,
      argument,
      () => `must be a rank-2 tensor [n, d], got shape [${input.shape}]`,
    );
    [rows, cols] = input.shape as [number, number];
    data = Float64Array.from(input.dataSync() as ArrayLike<number>);
  } else if (Array.isArray(input)) {
    const table = input as readonly (readonly number[])[];
    rows = table.length;
    assertArgument(rows > 0, argument, () => 'has no rows');
    const first = table[0];
    assertArgument(Array.isArray(first), argument, () => 'must be an array of rows (number[][])');
    cols = first.length;
    data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row = table[i];
      assertArgument(
        Array.isArray(row) && row.length === cols,
        argument,
        () => `row ${i} has ${Array.isArray(row) ? row.length : 'no'} columns, expected ${cols}`,
      );
      for (let j = 0; j < cols; j++) data[i * cols + j] = row[j]!;
    }
  } else if ('rows' in input && 'cols' in input) {
    ({ rows, cols } = input);
    data = input.data;
    assertArgument(
      data.length === rows * cols,
      argument,
      () => `data has ${data.length} values, expected ${rows}x${cols}`,
    );
  } else if ('shape' in input && 'data' in input) {
    assertArgument(
      Array.isArray(input.shape) && input.shape.length === 2,
      argument,
      () => `shape must be [rows, cols], got [${input.shape}]`,
    );
    [rows, cols] = input.shape;
    const values = input.data;
    assertArgument(
      values.length === rows * cols,
      argument,
      () => `data has ${values.length} values but shape [${rows}, ${cols}] needs ${rows * cols}`,
    );
    data =
      values instanceof Float32Array || values instanceof Float64Array
        ? values
        : Float64Array.from(values);
  } else {
    assertArgument(
      false,
      argument,
      () => 'must be number[][], {data, shape}, a Matrix or a rank-2 tensor',
    );
  }
  assertArgument(rows > 0, argument, () => 'has no rows');
  assertArgument(cols > 0, argument, () => 'has no columns');
  for (let k = 0; k < data.length; k++) {
    const v = data[k]!;
    if (!Number.isFinite(v)) {
      const row = Math.floor(k / cols);
      assertArgument(
        false,
        argument,
        () => `row ${row}, column ${k % cols} is ${Number.isNaN(v) ? 'NaN' : v}`,
      );
    }
  }
  return { data, rows, cols };
}

/** Checks that two matrices pair up row by row. */
export function assertSameRows(x: Matrix, z: Matrix, names: [string, string] = ['x', 'z']): void {
  assertArgument(
    x.rows === z.rows,
    names[1],
    () => `has ${z.rows} rows but ${names[0]} has ${x.rows}; rows must pair up`,
  );
}

/** Throws naming the column when any column of `m` is constant (it carries no information). */
export function assertNoConstantColumns(m: Matrix, argument: string): void {
  const { data, rows, cols } = m;
  for (let j = 0; j < cols; j++) {
    const first = data[j]!;
    let constant = true;
    for (let i = 1; i < rows && constant; i++) constant = data[i * cols + j] === first;
    assertArgument(!constant, argument, () => `column ${j} is constant (${first}); drop it`);
  }
}

/**
 * Location and spread of column `j` of a row-major [rows, cols] matrix, computed without overflow,
 * underflow or lost digits: values are divided by `unit`, the power of two at or just below the
 * largest |value| (an exact division), so the sums and the sum of squares stay within [0, 4·rows]
 * at any magnitude (1e300 or 1e-300), and the centring subtracts nearby numbers exactly.
 * `mean` and `sd` (sample, n − 1) are in units of `unit`: the column's mean is `mean · unit`, and
 * a value v standardises to `(v / unit − mean) / sd`.
 */
export interface ColumnScale {
  /** Largest |value|. */
  maxAbs: number;
  /** A power of two with maxAbs / 2 < unit ≤ maxAbs (1 for an all-zero column). */
  unit: number;
  mean: number;
  sd: number;
}

export function columnScale(
  data: ArrayLike<number>,
  rows: number,
  cols: number,
  j: number,
): ColumnScale {
  let maxAbs = 0;
  for (let i = 0; i < rows; i++) {
    const a = Math.abs(data[i * cols + j]!);
    if (a > maxAbs) maxAbs = a;
  }
  if (maxAbs === 0 || rows === 0) return { maxAbs, unit: 1, mean: 0, sd: 0 };
  const unit = 2 ** Math.floor(Math.log2(maxAbs));
  // Shifted by the first value: for values clustered far from 0 (1e15 + small noise) the
  // differences are exact and small, where a plain sum would round away the noise.
  const shift = data[j]! / unit;
  let sum = 0;
  for (let i = 0; i < rows; i++) sum += data[i * cols + j]! / unit - shift;
  const centre = sum / rows;
  let ss = 0;
  for (let i = 0; i < rows; i++) ss += (data[i * cols + j]! / unit - shift - centre) ** 2;
  return { maxAbs, unit, mean: shift + centre, sd: Math.sqrt(ss / Math.max(1, rows - 1)) };
}

/** Distance from |v| to the next larger float64 (the resolution of values of that magnitude). */
export function float64Step(v: number): number {
  const a = Math.abs(v);
  if (!(a >= 2 ** -1022)) return 2 ** -1074;
  return 2 ** (Math.floor(Math.log2(a)) - 52);
}

/**
 * Fewest float64 steps (at the column's magnitude) that a column's standard deviation must span.
 * Below it the values are a handful of levels around a large offset (1e16 + N(0, 1) keeps about
 * four): the digits that carry the dependence were lost when the numbers were stored.
 */
export const MIN_RESOLVED_STEPS = 16;

export interface UnresolvedColumn {
  column: number;
  /** Largest |value| of the column. */
  magnitude: number;
  /** Its standard deviation. */
  sd: number;
  /** Float64 resolution at `magnitude`. */
  step: number;
}

/**
 * The first non-constant column whose spread is below {@link MIN_RESOLVED_STEPS} float64 steps at
 * its magnitude, or undefined. Constant columns are left to `assertNoConstantColumns`.
 */
export function unresolvedColumn(m: Matrix): UnresolvedColumn | undefined {
  for (let j = 0; j < m.cols; j++) {
    const { maxAbs, unit, sd } = columnScale(m.data, m.rows, m.cols, j);
    const spread = sd * unit;
    const step = float64Step(maxAbs);
    if (spread > 0 && spread < MIN_RESOLVED_STEPS * step) {
      return { column: j, magnitude: maxAbs, sd: spread, step };
    }
  }
  return undefined;
}

/** The message for an {@link UnresolvedColumn}, after the column's name. */
export function unresolvedMessage(u: UnresolvedColumn): string {
  const g = (v: number) => v.toPrecision(3);
  return (
    `values of magnitude ${g(u.magnitude)} vary by only ${g(u.sd)} (sd), less than ` +
    `${MIN_RESOLVED_STEPS} float64 steps of ${g(u.step)} at that magnitude: the digits that carry ` +
    'the information are lost and no estimate is meaningful; subtract an offset (e.g. the mean) before saving'
  );
}

/** Throws naming the column when a column's values are not resolved at their magnitude. */
export function assertResolvedColumns(m: Matrix, argument: string): void {
  const u = unresolvedColumn(m);
  assertArgument(u === undefined, argument, () => `column ${u!.column}: ${unresolvedMessage(u!)}`);
}
