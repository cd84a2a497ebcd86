// Dense float64 linear algebra for closed-form Gaussian mutual information and for sampling
// correlated Gaussians: one Cholesky factorisation, row-major throughout.

/**
 * Writes the lower Cholesky factor L (A = L Lᵀ) of the symmetric positive definite block
 * `a[offset.., offset..]` of size `n` of a row-major matrix with rows of length `stride` into the
 * lower triangle of `out` (row-major [n, n]; the upper triangle is left as it was). Reads only
 * the lower triangle of the block. Returns false when the block is not (numerically) positive
 * definite.
 */
export function choleskyInto(
  a: ArrayLike<number>,
  stride: number,
  offset: number,
  n: number,
  out: Float64Array,
): boolean {
  const l = out;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[(offset + i) * stride + offset + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(sum > 0)) return false;
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j]!;
      }
    }
  }
  return true;
}

/**
 * Lower Cholesky factor L of a row-major [n, n] symmetric positive definite matrix (zeros above
 * the diagonal), or undefined when it is not positive definite.
 */
export function cholesky(a: ArrayLike<number>, n: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  return choleskyInto(a, n, 0, n, l) ? l : undefined;
}

/** log det A = 2 Σ log L_ii from the Cholesky factor L of A (row-major [n, n]). */
export function logDetFromCholesky(l: ArrayLike<number>, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.log(l[i * n + i]!);
  return 2 * sum;
}

/**
 * log det of the symmetric positive definite block `a[offset.., offset..]` of size `dim` of a
 * row-major [stride, stride] matrix, or NaN when it is not positive definite. `work` must hold
 * dim² values; it is overwritten.
 */
export function choleskyLogDet(
  a: ArrayLike<number>,
  stride: number,
  offset: number,
  dim: number,
  work: Float64Array = new Float64Array(dim * dim),
): number {
  return choleskyInto(a, stride, offset, dim, work) ? logDetFromCholesky(work, dim) : Number.NaN;
}

/**
 * I(x; z) = ½ (log det Σxx + log det Σzz − log det Σ) nats for a jointly Gaussian (x, z) with
 * row-major [d, d] covariance Σ whose first `xDim` rows/columns are x. NaN when Σ is not
 * positive definite.
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

/**
 * I(X; Z) = −(d/2) log(1 − ρ²) nats between d-dimensional standard Gaussians with componentwise
 * correlation corr(X_i, Z_j) = δ_ij ρ (the ground truth of the MINE paper's Fig. 1).
 */
export function componentwiseGaussianMi(d: number, rho: number): number {
  return -0.5 * d * Math.log1p(-rho * rho);
}
