import type { Rng } from '@mine/core';

/** n·dim draws of N(0, 1), row-major [n, dim]. */
export function normals(n: number, dim: number, rng: Rng): Float32Array {
  const out = new Float32Array(n * dim);
  for (let i = 0; i < out.length; i++) out[i] = rng.normal();
  return out;
}

/** n indices drawn uniformly with replacement from [0, count). */
export function drawIndices(n: number, count: number, rng: Rng): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(count);
  return out;
}
