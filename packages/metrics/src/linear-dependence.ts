import {
  assertSameRows,
  columnScale,
  type Matrix,
  type MatrixInput,
  toMatrix,
} from '@mine/core/base';
import { choleskyInto } from '@mine/core/math';

/**
 * Residual variance shares below this count as exact linear dependence. A z column whose share
 * left after regressing on x is 1e-12 has a canonical correlation with 1 − ρ² = 1e-12, about 13.8
 * nats of Gaussian MI on its own: a copy up to rounding, beyond what float64 data resolve.
 */
export const LINEAR_DEPENDENCE_BELOW = 1e-12;

export interface LinearDependence {
  /**
   * 'x' / 'z': a column of x (of z) is a linear combination of the columns before it in the same
   * matrix; 'xz': a z column is a linear function of x (and of the z columns before it), which
   * makes I(x; z) infinite.
   */
  kind: 'x' | 'z' | 'xz';
  /** 0-based column of x ('x') or of z ('z', 'xz'). */
  column: number;
  /** Share of the column's variance left unexplained; 0 when exactly dependent. */
  residual: number;
}

/**
 * Rows [x | z] centred and scaled to unit variance per column (centring and scaling come before
 * any product, so data at 1e±300 neither overflows nor underflows), and the lower triangle of
 * their scatter matrix vᵀv ([d, d], row-major). Linear MI is unchanged by the per-column scaling.
 */
export function standardizedScatter(
  xm: Matrix,
  zm: Matrix,
): { v: Float64Array; scatter: Float64Array; d: number } {
  const n = xm.rows;
  const dx = xm.cols;
  const d = dx + zm.cols;
  const v = new Float64Array(n * d);
  const fill = (m: Matrix, offset: number) => {
    for (let j = 0; j < m.cols; j++) {
      const { unit, mean, sd } = columnScale(m.data, n, m.cols, j);
      const spread = sd || 1;
      for (let i = 0; i < n; i++) {
        v[i * d + offset + j] = (m.data[i * m.cols + j]! / unit - mean) / spread;
      }
    }
  };
  fill(xm, 0);
  fill(zm, dx);
  const scatter = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let a = 0; a < d; a++) {
      const va = v[row + a]!;
      for (let b = 0; b <= a; b++) scatter[a * d + b]! += va * v[row + b]!;
    }
  }
  return { v, scatter, d };
}

/**
 * Squared diagonal of the Cholesky factor of a block: pivots[j] is the variance of variable j
 * left after regressing it on the variables before it. Where the factorisation stops at a
 * non-positive pivot, that entry and the later ones are NaN.
 */
function pivots(a: Float64Array, stride: number, offset: number, dim: number): Float64Array {
  const l = new Float64Array(dim * dim).fill(Number.NaN);
  choleskyInto(a, stride, offset, dim, l);
  return Float64Array.from({ length: dim }, (_, j) => l[j * dim + j]! ** 2);
}

/**
 * The first linear dependence in a scatter matrix of [x | z] (lower triangle, [d, d]) whose first
 * `dx` variables are x, or undefined. Two Cholesky factorisations: the joint one's pivots are the
 * variances left after regressing each variable on those before it, the z block's the same
 * within z; their ratio for z column k is Var(z_k | x, z_<k) / Var(z_k | z_<k).
 */
export function linearDependenceOf(
  scatter: Float64Array,
  d: number,
  dx: number,
): LinearDependence | undefined {
  const dz = d - dx;
  const joint = pivots(scatter, d, 0, d);
  const within = pivots(scatter, d, dx, dz);
  const share = (value: number, of: number) => (of > 0 ? value / of : Number.NaN);
  const found = (kind: LinearDependence['kind'], column: number, residual: number) => ({
    kind,
    column,
    residual: Math.max(0, Number.isNaN(residual) ? 0 : residual),
  });
  for (let j = 0; j < dx; j++) {
    const s = share(joint[j]!, scatter[j * d + j]!);
    if (!(s >= LINEAR_DEPENDENCE_BELOW)) return found('x', j, s);
  }
  for (let k = 0; k < dz; k++) {
    const a = dx + k;
    const s = share(within[k]!, scatter[a * d + a]!);
    if (!(s >= LINEAR_DEPENDENCE_BELOW)) return found('z', k, s);
    const r = share(joint[a]!, within[k]!);
    if (!(r >= LINEAR_DEPENDENCE_BELOW)) return found('xz', k, r);
  }
  return undefined;
}

/**
 * Finds a (numerical) linear dependence within x, within z, or of a z column on x (infinite MI),
 * on standardised data; undefined when there is none. O(n·d² + d³).
 */
export function linearDependence(x: MatrixInput, z: MatrixInput): LinearDependence | undefined {
  const xm = toMatrix(x, 'x');
  const zm = toMatrix(z, 'z');
  assertSameRows(xm, zm);
  const { scatter, d } = standardizedScatter(xm, zm);
  return linearDependenceOf(scatter, d, xm.cols);
}
