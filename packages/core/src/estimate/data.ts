import { assertArgument } from '../errors.js';
import { assertNoConstantColumns, assertSameRows, type MatrixInput, toMatrix } from '../matrix.js';
import { permutation, type Rng } from '../random.js';
import { MIN_ROWS } from './defaults.js';
import { transformColumns } from './preprocess.js';
import type { Settings } from './settings.js';

/** Checked data, its sizes and the batch size; nothing random yet. */
export interface Shape {
  n: number;
  xCols: number;
  zCols: number;
  nTrain: number;
  nHeld: number;
  batchSize: number;
}

/** The transformed columns and the train / held-out split. */
export interface Split extends Shape {
  xs: Float32Array;
  zs: Float32Array;
  trainRows: Int32Array;
  heldRows: Int32Array;
}

/** Checks x and z and works out the split sizes and batch size. */
export function checkData(x: MatrixInput, z: MatrixInput, s: Settings) {
  const xm = toMatrix(x, 'x');
  const zm = toMatrix(z, 'z');
  assertSameRows(xm, zm);
  const n = xm.rows;
  assertArgument(n >= MIN_ROWS, 'x', () => `has ${n} rows; at least ${MIN_ROWS} are needed`);
  assertNoConstantColumns(xm, 'x');
  assertNoConstantColumns(zm, 'z');
  const nHeld = Math.max(2, Math.round(n * s.heldOutFraction));
  const nTrain = n - nHeld;
  const batchSize = s.batchSizeGiven ? s.batchSize : Math.min(s.batchSize, nTrain);
  assertArgument(
    batchSize <= nTrain,
    'batchSize',
    () =>
      `is ${batchSize} but only ${nTrain} training rows remain after holding out ${nHeld} of ${n}`,
  );
  assertArgument(batchSize >= 2, 'batchSize', () => `must be at least 2, got ${batchSize}`);
  const shape: Shape = { n, xCols: xm.cols, zCols: zm.cols, nTrain, nHeld, batchSize };
  return { xm, zm, shape };
}

/** Transforms each column (s.transform) and splits the rows at random into train and held out. */
export function splitData(data: ReturnType<typeof checkData>, s: Settings, rng: Rng): Split {
  const { xm, zm, shape } = data;
  const xs = transformColumns(xm, s.transform);
  const zs = transformColumns(zm, s.transform);
  const order = permutation(shape.n, rng);
  return {
    ...shape,
    xs,
    zs,
    trainRows: order.subarray(0, shape.nTrain),
    heldRows: order.subarray(shape.nTrain),
  };
}

/** Rows `rows[from .. from + count)` of a row-major matrix with `cols` columns. */
export function gatherRows(
  source: Float32Array,
  cols: number,
  rows: ArrayLike<number>,
  from: number,
  count: number,
): Float32Array {
  const out = new Float32Array(count * cols);
  for (let r = 0; r < count; r++) {
    const i = rows[from + r]!;
    out.set(source.subarray(i * cols, (i + 1) * cols), r * cols);
  }
  return out;
}
