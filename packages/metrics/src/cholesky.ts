/**
 * log det of the symmetric positive definite block `a[offset.., offset..]` of size `dim` of a
 * row-major [stride, stride] matrix, by Cholesky factorisation (reads the lower triangle only).
 * Returns NaN when the block is not (numerically) positive definite.
 *
 * `work` must hold dim² values; it is overwritten. `pivots`, when given (dim values), receives
 * the pivots: pivots[j] is the variance of variable j left after regressing it on variables
 * 0..j−1 of the block; on failure the first non-positive pivot is the last one written.
 */
export function choleskyLogDet(
  a: ArrayLike<number>,
  stride: number,
  offset: number,
  dim: number,
  work: Float64Array,
  pivots?: Float64Array,
): number {
  const l = work;
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j <= i; j++) l[i * dim + j] = a[(offset + i) * stride + offset + j]!;
  }
  let logDet = 0;
  for (let j = 0; j < dim; j++) {
    let pivot = l[j * dim + j]!;
    for (let p = 0; p < j; p++) pivot -= l[j * dim + p]! * l[j * dim + p]!;
    if (pivots) pivots[j] = pivot;
    if (!(pivot > 0)) return Number.NaN;
    const root = Math.sqrt(pivot);
    l[j * dim + j] = root;
    logDet += 2 * Math.log(root);
    for (let i = j + 1; i < dim; i++) {
      let v = l[i * dim + j]!;
      for (let p = 0; p < j; p++) v -= l[i * dim + p]! * l[j * dim + p]!;
      l[i * dim + j] = v / root;
    }
  }
  return logDet;
}

/**
 * ½ (log det Σxx + log det Σzz − log det Σ) for a row-major [d, d] covariance whose first `xDim`
 * rows/columns are x. NaN when a block is not positive definite.
 */
export function gaussianMiFromCovariance(
  cov: ArrayLike<number>,
  d: number,
  xDim: number,
  work: Float64Array = new Float64Array(d * d),
): number {
  const full = choleskyLogDet(cov, d, 0, d, work);
  if (Number.isNaN(full)) return Number.NaN;
  const lx = choleskyLogDet(cov, d, 0, xDim, work);
  const lz = choleskyLogDet(cov, d, xDim, d - xDim, work);
  if (Number.isNaN(lx) || Number.isNaN(lz)) return Number.NaN;
  // MI ≥ 0; a negative value here is rounding.
  return Math.max(0, 0.5 * (lx + lz - full));
}
