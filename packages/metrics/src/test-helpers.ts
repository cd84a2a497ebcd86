// Shared by the tests only (excluded from the published files).

/** n pairs x, z ∈ R^d with corr(x_i, z_j) = δ_ij ρ and their true MI (float64). */
export { correlatedGaussianSample as correlatedGaussians } from '@mine/core/testing';

/** Runs `f` and returns what it threw (fails when it does not throw). */
export function thrown(f: () => unknown): Error & { argument?: string } {
  try {
    f();
  } catch (error) {
    return error as Error & { argument?: string };
  }
  throw new Error('expected a throw');
}

/** Awaits `f` and returns what it rejected with. */
export async function rejected(f: () => Promise<unknown>): Promise<Error & { argument?: string }> {
  try {
    await f();
  } catch (error) {
    return error as Error & { argument?: string };
  }
  throw new Error('expected a rejection');
}

/** O(n²) reference: the k-th neighbour distance (max-norm, joint) and strict marginal counts. */
export function bruteForceCounts(data: Float64Array, n: number, dx: number, dz: number, k: number) {
  const d = dx + dz;
  const eps = new Float64Array(n);
  const nx = new Int32Array(n);
  const nz = new Int32Array(n);
  const dist = new Float64Array(n - 1);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let joint = 0;
      for (let c = 0; c < d; c++)
        joint = Math.max(joint, Math.abs(data[j * d + c]! - data[i * d + c]!));
      dist[m++] = joint;
    }
    const e = Float64Array.from(dist).sort()[k - 1]!;
    eps[i] = e;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let ax = 0;
      let az = 0;
      for (let c = 0; c < dx; c++) ax = Math.max(ax, Math.abs(data[j * d + c]! - data[i * d + c]!));
      for (let c = dx; c < d; c++) az = Math.max(az, Math.abs(data[j * d + c]! - data[i * d + c]!));
      if (ax < e) nx[i]!++;
      if (az < e) nz[i]!++;
    }
  }
  return { eps, nx, nz };
}
