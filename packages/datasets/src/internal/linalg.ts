import { assertArgument } from '@mine/core/base';
import { cholesky, gaussianMiFromCovariance } from '@mine/core/math';

/** A square symmetric matrix, row-major, in float64. */
export interface SquareMatrix {
  readonly size: number;
  readonly data: Float64Array;
}

/**
 * Reads a square matrix given as rows (`number[][]`) or flat row-major (`ArrayLike<number>` of
 * size*size), checks that it is finite and symmetric, and returns a float64 copy.
 */
export function readSymmetric(
  value: ReadonlyArray<ArrayLike<number>> | ArrayLike<number>,
  argument: string,
): SquareMatrix {
  assertArgument(
    value !== null && typeof value === 'object' && typeof value.length === 'number',
    argument,
    () => 'must be a square matrix: an array of rows or a flat row-major array',
  );
  let size: number;
  let data: Float64Array;
  const first = (value as ArrayLike<unknown>)[0];
  if (typeof first === 'object' && first !== null) {
    const rows = value as ReadonlyArray<ArrayLike<number>>;
    size = rows.length;
    data = new Float64Array(size * size);
    for (let i = 0; i < size; i++) {
      const row = rows[i]!;
      assertArgument(
        row && row.length === size,
        argument,
        () => `must be square: row ${i} has ${row?.length} entries, expected ${size}`,
      );
      for (let j = 0; j < size; j++) data[i * size + j] = row[j]!;
    }
  } else {
    const flat = value as ArrayLike<number>;
    size = Math.round(Math.sqrt(flat.length));
    assertArgument(
      size * size === flat.length,
      argument,
      () => `a flat matrix must have a square number of entries, got ${flat.length}`,
    );
    data = Float64Array.from(flat);
  }
  assertArgument(size >= 1, argument, () => 'must not be empty');
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const a = data[i * size + j]!;
      assertArgument(Number.isFinite(a), argument, () => `entry (${i}, ${j}) is ${a}`);
      if (j < i) {
        const b = data[j * size + i]!;
        assertArgument(
          Math.abs(a - b) <= 1e-10 * Math.max(1, Math.abs(a), Math.abs(b)),
          argument,
          () => `must be symmetric: entry (${i}, ${j}) = ${a} but (${j}, ${i}) = ${b}`,
        );
      }
    }
  }
  return { size, data };
}

/** Cholesky factor (see `cholesky` of @mine/core/math) or an InvalidArgumentError naming `argument`. */
export function choleskyOrThrow(a: SquareMatrix, argument: string): Float64Array {
  const l = cholesky(a.data, a.size);
  assertArgument(l !== undefined, argument, () => 'must be positive definite (Cholesky failed)');
  return l;
}

/**
 * I(X; Z) in nats of a Gaussian with joint covariance `a`, X the first xDim coordinates:
 * ½ (log det Σxx + log det Σzz − log det Σ); an InvalidArgumentError naming `argument` when `a`
 * is not positive definite.
 */
export function gaussianMutualInformation(a: SquareMatrix, xDim: number, argument: string): number {
  const mi = gaussianMiFromCovariance(a.data, a.size, xDim);
  assertArgument(!Number.isNaN(mi), argument, () => 'must be positive definite (Cholesky failed)');
  return mi;
}

/**
 * The nonzero entries of each row of a lower-triangular L, for y = L ε in O(nnz) per row:
 * row i uses cols[offsets[i]..offsets[i+1]) and the matching values.
 */
export interface SparseLower {
  readonly size: number;
  readonly offsets: Int32Array;
  readonly cols: Int32Array;
  readonly values: Float64Array;
}

export function sparseLower(l: Float64Array, n: number): SparseLower {
  const offsets = new Int32Array(n + 1);
  const cols: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = l[i * n + j]!;
      if (v !== 0) {
        cols.push(j);
        values.push(v);
      }
    }
    offsets[i + 1] = cols.length;
  }
  return { size: n, offsets, cols: Int32Array.from(cols), values: Float64Array.from(values) };
}
