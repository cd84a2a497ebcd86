import { assertArgument, type Batch, type Sampler } from '@mine/core/base';
import {
  choleskyOrThrow,
  gaussianMutualInformation,
  readSymmetric,
  sparseLower,
} from './internal/linalg.js';
import { createStream } from './internal/stream.js';
import { assertInteger, assertSampleArguments } from './internal/validate.js';

/** A square matrix as rows (`number[][]`) or flat and row-major. */
export type MatrixLike = ReadonlyArray<ArrayLike<number>> | ArrayLike<number>;

export interface GaussianOptions {
  /** Joint covariance of (X, Z), [D, D] with D = xDim + zDim; symmetric positive definite. */
  covariance: MatrixLike;
  /** X is the first xDim coordinates, Z the remaining D − xDim. */
  xDim: number;
  /** Mean of (X, Z), length D. @default zeros */
  mean?: ArrayLike<number>;
  /** @default `gaussian-${xDim}x${zDim}` */
  name?: string;
}

/**
 * A multivariate normal (X, Z) ~ N(μ, Σ) split after xDim coordinates. Rows are μ + L ε with
 * Σ = L Lᵀ (Cholesky; the zero entries of L are skipped, so sparse or block covariances are
 * cheap). I(X; Z) = ½ log(det Σxx · det Σzz / det Σ) nats.
 */
export function gaussian(options: GaussianOptions): Sampler {
  const cov = readSymmetric(options.covariance, 'covariance');
  const total = cov.size;
  assertInteger(options.xDim, 'xDim');
  const xDim = options.xDim;
  assertArgument(
    xDim < total,
    'xDim',
    () => `must be less than the covariance size ${total} so that Z is not empty, got ${xDim}`,
  );
  const zDim = total - xDim;
  const mean = new Float64Array(total);
  if (options.mean !== undefined) {
    const m = options.mean;
    assertArgument(
      m.length === total && Array.from(m).every(Number.isFinite),
      'mean',
      () => `must hold ${total} finite numbers`,
    );
    mean.set(Array.from(m));
  }
  const lower = sparseLower(choleskyOrThrow(cov, 'covariance'), total);
  const mi = gaussianMutualInformation(cov, xDim, 'covariance');
  const name = options.name ?? `gaussian-${xDim}x${zDim}`;
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
        const base = r * total;
        for (let i = 0; i < total; i++) {
          let sum = mean[i]!;
          for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
            sum += values[p]! * eps[base + cols[p]!]!;
          }
          if (i < xDim) x[r * xDim + i] = sum;
          else z[r * zDim + i - xDim] = sum;
        }
      }
      return { n, x, z };
    },
    mutualInformation: () => mi,
  };
}
