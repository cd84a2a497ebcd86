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
