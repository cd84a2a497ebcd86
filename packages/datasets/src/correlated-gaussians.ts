import { assertArgument, type Batch, type Sampler } from '@mine/core/base';
import { componentwiseGaussianMi } from '@mine/core/math';
import { createStream } from './internal/stream.js';
import { assertInteger, assertSampleArguments } from './internal/validate.js';

export interface CorrelatedGaussiansOptions {
  /** Dimension d of X and of Z. */
  dim: number;
  /** corr(X_i, Z_j) = δ_ij ρ, with ρ in (−1, 1). */
  rho: number;
  /** @default `correlated-gaussians-${dim}x${dim}-rho${rho}` */
  name?: string;
}

/**
 * The Gaussians of Sec. 4.1 (Fig. 1): X and Z are d-dimensional standard normals with
 * componentwise correlation corr(X_i, Z_j) = δ_ij ρ. Rows are drawn as X = ε₁,
 * Z = ρ ε₁ + √(1−ρ²) ε₂. I(X; Z) = −(d/2) log(1 − ρ²) nats.
 */
export function correlatedGaussians(options: CorrelatedGaussiansOptions): Sampler {
  const { dim, rho } = options;
  assertInteger(dim, 'dim');
  assertArgument(
    typeof rho === 'number' && rho > -1 && rho < 1,
    'rho',
    () => `must lie in (-1, 1), got ${String(rho)}`,
  );
  const name = options.name ?? `correlated-gaussians-${dim}x${dim}-rho${rho}`;
  const scale = Math.sqrt(1 - rho * rho);
  const mi = componentwiseGaussianMi(dim, rho);
  return {
    name,
    xDim: dim,
    zDim: dim,
    sample(n: number, seed: number): Batch {
      assertSampleArguments(n, seed);
      const stream = createStream(seed);
      const x = new Float32Array(n * dim);
      const z = new Float32Array(n * dim);
      stream.fillNormal(x);
      stream.fillNormal(z);
      for (let i = 0; i < z.length; i++) z[i] = rho * x[i]! + scale * z[i]!;
      return { n, x, z };
    },
    mutualInformation: () => mi,
  };
}
