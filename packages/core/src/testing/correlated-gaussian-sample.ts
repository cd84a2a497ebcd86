import { componentwiseGaussianMi } from '../math/linalg.js';
import { createRng } from '../random.js';

export interface CorrelatedGaussianSample<A extends Float32Array | Float64Array> {
  x: { data: A; shape: [number, number] };
  z: { data: A; shape: [number, number] };
  /** The true I(x; z) = −d/2 · log(1 − ρ²) nats. */
  mi: number;
}

/**
 * n pairs of standard normal x, z ∈ R^d with corr(x_i, z_j) = δ_ij ρ, drawn entry by entry in
 * row-major order as x = ε₁, z = ρ ε₁ + √(1−ρ²) ε₂ (two normals per entry) from `createRng(seed)`:
 * the toy data of the tests, small and fully determined by the seed. `@mine/datasets`'
 * `correlatedGaussians` is the sampler for real use.
 */
export function correlatedGaussianSample(
  n: number,
  d: number,
  rho: number,
  seed: number,
): CorrelatedGaussianSample<Float64Array>;
export function correlatedGaussianSample(
  n: number,
  d: number,
  rho: number,
  seed: number,
  array: 'float32',
): CorrelatedGaussianSample<Float32Array>;
export function correlatedGaussianSample(
  n: number,
  d: number,
  rho: number,
  seed: number,
  array: 'float32' | 'float64' = 'float64',
): CorrelatedGaussianSample<Float32Array | Float64Array> {
  const rng = createRng(seed);
  const x = array === 'float32' ? new Float32Array(n * d) : new Float64Array(n * d);
  const z = array === 'float32' ? new Float32Array(n * d) : new Float64Array(n * d);
  const s = Math.sqrt(1 - rho * rho);
  for (let i = 0; i < n * d; i++) {
    const a = rng.normal();
    x[i] = a;
    z[i] = rho * a + s * rng.normal();
  }
  const shape: [number, number] = [n, d];
  return { x: { data: x, shape }, z: { data: z, shape }, mi: componentwiseGaussianMi(d, rho) };
}

/** The rows of a row-major [n, d] array as `number[][]`. */
export function toRows(data: ArrayLike<number>, d: number): number[][] {
  return Array.from({ length: data.length / d }, (_, i) =>
    Array.from({ length: d }, (_, j) => data[i * d + j]!),
  );
}
