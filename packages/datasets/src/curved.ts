import { assertArgument, type Batch, type Sampler } from '@mine/core/base';
import { normalCdf } from '@mine/core/math';
import { createStream } from './internal/stream.js';
import { assertInteger, assertPositive, assertSampleArguments } from './internal/validate.js';
import { spiralTransform } from './transforms.js';

/**
 * The componentwise correlation ρ at which d-dimensional correlated Gaussians (corr(X_i, Z_j) =
 * δ_ij ρ) have I(X; Z) = `mi` nats: ρ = √(1 − exp(−2·mi/d)), the inverse of −(d/2) log(1 − ρ²).
 */
export function rhoForMutualInformation(dim: number, mi: number): number {
  assertInteger(dim, 'dim');
  assertPositive(mi, 'mi');
  // −expm1 keeps the precision of 1 − exp(−ε) for small MI per dimension.
  return Math.sqrt(-Math.expm1((-2 * mi) / dim));
}

/**
 * `n` rows of `dim` correlated Gaussian pairs (x, u) with corr(x_i, u_j) = δ_ij ρ, into
 * float64 arrays: the latent pairs of the embeddings below.
 */
function latentPairs(n: number, dim: number, rho: number, stream: ReturnType<typeof createStream>) {
  const x = new Float64Array(n * dim);
  const u = new Float64Array(n * dim);
  stream.fillNormal(x);
  stream.fillNormal(u);
  const scale = Math.sqrt(1 - rho * rho);
  for (let i = 0; i < u.length; i++) u[i] = rho * x[i]! + scale * u[i]!;
  return { x, u };
}

/**
 * A random rotation of R^dim (Haar-distributed orthogonal matrix from Gram–Schmidt on a Gaussian
 * matrix; the sign of each column is that of Gram–Schmidt's), flat row-major; equal seeds give
 * equal rotations.
 */
export function randomRotation(dim: number, seed: number): Float64Array {
  assertInteger(dim, 'dim');
  const stream = createStream(seed);
  const q = new Float64Array(dim * dim);
  stream.fillNormal(q);
  // Columns j = 0..dim−1 orthonormalised in turn (modified Gram–Schmidt, twice for stability).
  for (let j = 0; j < dim; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < dim; i++) dot += q[i * dim + j]! * q[i * dim + k]!;
        for (let i = 0; i < dim; i++) q[i * dim + j] = q[i * dim + j]! - dot * q[i * dim + k]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += q[i * dim + j]! ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < dim; i++) q[i * dim + j] = q[i * dim + j]! / norm;
  }
  return q;
}

/** out[r] = rotation · row r of `rows` ([n, dim], row-major), into a float32 array. */
function rotateRows(rows: Float64Array, dim: number, rotation: Float64Array): Float32Array {
  const n = rows.length / dim;
  const out = new Float32Array(rows.length);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < dim; i++) {
      let sum = 0;
      for (let j = 0; j < dim; j++) sum += rotation[i * dim + j]! * rows[r * dim + j]!;
      out[r * dim + i] = sum;
    }
  }
  return out;
}

export interface SpiralTubeOptions {
  /** I(X; Z) in nats. */
  mi: number;
  /** Turns of the spiral. @default 3 */
  turns?: number;
  /** Seed of the fixed 3-d rotation of Z (part of the task, not of a sample). @default 1 */
  rotationSeed?: number;
  /** @default `spiral-tube-mi${mi}` */
  name?: string;
}

/**
 * A noisy spiral embedded in 3 dimensions. X ~ N(0, 1); u is a standard normal correlated with X
 * (ρ from `mi`); t = Φ(u) ∈ (0, 1) runs along an Archimedean spiral of `turns` turns whose radius
 * grows by 1 per turn, r = 1 + turns·t. Z is the spiral point pushed off radially by
 * a = 0.4·tanh(w₁) and lifted by 0.3·w₂ out of the plane (w₁, w₂ ~ N(0, 1) independent noise), then
 * rotated by a fixed random rotation of R³, so no axis lines up with the curve.
 *
 * The map (u, w₁, w₂) ↦ Z is injective: the angle fixes θ up to whole turns, and |a| < ½ (half the
 * gap between turns) picks the turn. So I(X; Z) = I(X; u, w₁, w₂) = I(X; u) = `mi`, although Z
 * lies near a curved one-dimensional set.
 */
export function spiralTube(options: SpiralTubeOptions): Sampler {
  const { mi } = options;
  const turns = options.turns ?? 3;
  assertPositive(turns, 'turns');
  const rho = rhoForMutualInformation(1, mi);
  const rotation = randomRotation(3, options.rotationSeed ?? 1);
  const name = options.name ?? `spiral-tube-mi${mi}`;
  return {
    name,
    xDim: 1,
    zDim: 3,
    sample(n: number, seed: number): Batch {
      assertSampleArguments(n, seed);
      const stream = createStream(seed);
      const { x, u } = latentPairs(n, 1, rho, stream);
      const noise = new Float64Array(2 * n);
      stream.fillNormal(noise);
      const plane = new Float64Array(3 * n);
      for (let i = 0; i < n; i++) {
        const t = normalCdf(u[i]!);
        const theta = 2 * Math.PI * turns * t;
        const radius = 1 + turns * t + 0.4 * Math.tanh(noise[2 * i]!);
        plane[3 * i] = radius * Math.cos(theta);
        plane[3 * i + 1] = radius * Math.sin(theta);
        plane[3 * i + 2] = 0.3 * noise[2 * i + 1]!;
      }
      return { n, x: Float32Array.from(x), z: rotateRows(plane, 3, rotation) };
    },
    mutualInformation: () => mi,
  };
}

export interface RotatedEmbeddingOptions {
  /** I(X; Z) in nats. */
  mi: number;
  /** Dimension k ≥ 2 of each latent, X₀ and Z₀ (componentwise-correlated Gaussians). @default 2 */
  latentDim?: number;
  /** Dimension D ≥ latentDim of X and of Z. @default 10 */
  dim?: number;
  /** Standard deviation of the independent padding coordinates. @default 0.3 */
  padding?: number;
  /** Seed of the two fixed rotations (part of the task, not of a sample). @default 1 */
  rotationSeed?: number;
  /** @default `rotated-embedding-k${latentDim}-d${dim}-mi${mi}` */
  name?: string;
}

/**
 * A nonlinear embedding rotated into higher dimensions. X₀, Z₀ ∈ R^k are componentwise-correlated
 * Gaussians (ρ from `mi`); each is bent by the spiral diffeomorphism of R^k (rotation of its first
 * plane by 0.5·‖v‖², {@link spiralTransform}), padded with D − k independent N(0, padding²)
 * coordinates, and rotated by a fixed random rotation of R^D (one for X, another for Z).
 *
 * Each side is an injective map of (latent, padding), and the paddings are independent of
 * everything, so I(X; Z) = I(X₀; Z₀) = `mi` exactly, while no coordinate of X or Z carries the
 * dependence alone and marginal (per-column) transforms cannot undo the bend.
 */
export function rotatedEmbedding(options: RotatedEmbeddingOptions): Sampler {
  const { mi } = options;
  const k = options.latentDim ?? 2;
  const dim = options.dim ?? 10;
  const padding = options.padding ?? 0.3;
  assertInteger(k, 'latentDim', 2);
  assertInteger(dim, 'dim');
  assertArgument(dim >= k, 'dim', () => `must be >= latentDim (${k}), got ${dim}`);
  assertPositive(padding, 'padding');
  const rho = rhoForMutualInformation(k, mi);
  const seed = options.rotationSeed ?? 1;
  const rotations = [randomRotation(dim, seed), randomRotation(dim, seed + 1)] as const;
  const bend = spiralTransform({ speed: 0.5 });
  const name = options.name ?? `rotated-embedding-k${k}-d${dim}-mi${mi}`;
  const embed = (latent: Float64Array, n: number, extra: Float64Array, rotation: Float64Array) => {
    const bent = Float32Array.from(latent);
    bend.apply(bent, k);
    const rows = new Float64Array(n * dim);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < k; j++) rows[r * dim + j] = bent[r * k + j]!;
      for (let j = k; j < dim; j++) rows[r * dim + j] = padding * extra[r * (dim - k) + j - k]!;
    }
    return rotateRows(rows, dim, rotation);
  };
  return {
    name,
    xDim: dim,
    zDim: dim,
    sample(n: number, seed: number): Batch {
      assertSampleArguments(n, seed);
      const stream = createStream(seed);
      const { x, u } = latentPairs(n, k, rho, stream);
      const extra = new Float64Array(2 * n * (dim - k));
      stream.fillNormal(extra);
      const half = n * (dim - k);
      return {
        n,
        x: embed(x, n, extra.subarray(0, half), rotations[0]),
        z: embed(u, n, extra.subarray(half), rotations[1]),
      };
    },
    mutualInformation: () => mi,
  };
}
