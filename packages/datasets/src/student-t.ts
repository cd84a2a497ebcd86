import { assertArgument, type Batch, type Sampler } from '@mine/core/base';
import { digamma, lgamma } from '@mine/core/math';
import type { MatrixLike } from './gaussian.js';
import {
  choleskyOrThrow,
  gaussianMutualInformation,
  readSymmetric,
  type SquareMatrix,
  sparseLower,
} from './internal/linalg.js';
import { createStream } from './internal/stream.js';
import { assertInteger, assertPositive, assertSampleArguments } from './internal/validate.js';

export interface StudentTOptions {
  /** Dimension of X. */
  xDim: number;
  /** Dimension of Z. */
  zDim: number;
  /** Degrees of freedom ν > 0 (need not be an integer). */
  dof: number;
  /**
   * Dispersion (shape) matrix Σ of (X, Z), [D, D] with D = xDim + zDim. Not the covariance,
   * which is ν/(ν−2) Σ for ν > 2. @default the identity (X and Z uncorrelated yet dependent)
   */
  dispersion?: MatrixLike;
  /** @default `student-t-dof${dof}-${xDim}x${zDim}` */
  name?: string;
}

/**
 * A multivariate Student-t (X, Z) = G / √(W/ν) with G ~ N(0, Σ) and W ~ χ²_ν drawn once per row.
 * I(X; Z) = I_Gauss(Σ) + c(ν, m, n) nats (Arellano-Valle, Contreras-Reyes & Genton, 2013; as in
 * bmi's SplitStudentT), where I_Gauss is the MI of a Gaussian with covariance Σ and
 * {@link studentTCorrection} c > 0 does not depend on Σ. With identity Σ the MI is c alone: the
 * shared scale W makes X and Z dependent although uncorrelated.
 */
export function studentT(options: StudentTOptions): Sampler {
  const { xDim, zDim, dof } = options;
  assertInteger(xDim, 'xDim');
  assertInteger(zDim, 'zDim');
  assertPositive(dof, 'dof');
  const total = xDim + zDim;
  let dispersion: SquareMatrix;
  if (options.dispersion === undefined) {
    const data = new Float64Array(total * total);
    for (let i = 0; i < total; i++) data[i * total + i] = 1;
    dispersion = { size: total, data };
  } else {
    dispersion = readSymmetric(options.dispersion, 'dispersion');
    assertArgument(
      dispersion.size === total,
      'dispersion',
      () => `must be ${total}x${total} (xDim + zDim), got ${dispersion.size}x${dispersion.size}`,
    );
  }
  const lower = sparseLower(choleskyOrThrow(dispersion, 'dispersion'), total);
  const mi =
    gaussianMutualInformation(dispersion, xDim, 'dispersion') + studentTCorrection(dof, xDim, zDim);
  const name = options.name ?? `student-t-dof${dof}-${xDim}x${zDim}`;
  return {
    name,
    xDim,
    zDim,
    sample(n: number, seed: number): Batch {
      assertSampleArguments(n, seed);
      const stream = createStream(seed);
      const eps = new Float64Array(n * total);
      stream.fillNormal(eps);
      const x = new Float32Array(n * xDim);
      const z = new Float32Array(n * zDim);
      const { offsets, cols, values } = lower;
      for (let r = 0; r < n; r++) {
        // W/ν with W ~ χ²_ν = 2 Gamma(ν/2).
        const scale = 1 / Math.sqrt((2 * stream.gamma(dof / 2)) / dof);
        const base = r * total;
        for (let i = 0; i < total; i++) {
          let sum = 0;
          for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
            sum += values[p]! * eps[base + cols[p]!]!;
          }
          if (i < xDim) x[r * xDim + i] = sum * scale;
          else z[r * zDim + i - xDim] = sum * scale;
        }
      }
      return { n, x, z };
    },
    mutualInformation: () => mi,
  };
}

/**
 * The part of a multivariate Student-t's MI that does not depend on the dispersion:
 * c(ν, m, n) = g(ν) + g(ν+m+n) − g(ν+m) − g(ν+n) with g(x) = log Γ(x/2) − (x/2) ψ(x/2), for
 * ν degrees of freedom and dimensions m, n. Positive, and → 0 as ν → ∞ (the Gaussian limit).
 */
export function studentTCorrection(dof: number, xDim: number, zDim: number): number {
  assertPositive(dof, 'dof');
  assertInteger(xDim, 'xDim');
  assertInteger(zDim, 'zDim');
  const g = (v: number): number => lgamma(v / 2) - (v / 2) * digamma(v / 2);
  return g(dof) + g(dof + xDim + zDim) - g(dof + xDim) - g(dof + zDim);
}
