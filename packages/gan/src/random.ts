import type { Rng } from '@mine/core';
import { type CodePrior, codeWidth, drawCodeInto } from './code-prior.js';

/** The distribution of the noise ε: N(0, I), or U(−1, 1) per column (Table 4's z). */
export type NoiseKind = 'normal' | 'uniform';

/**
 * n prior samples z = [ε, c], row-major [n, noiseDim + codeWidth(prior)], with ε ~ N(0, I) (or
 * U(−1, 1)^noiseDim) and c drawn from `prior`; also returns c alone, [n, codeWidth(prior)].
 */
export function drawPrior(
  n: number,
  noiseDim: number,
  prior: CodePrior,
  rng: Rng,
  noise: NoiseKind = 'normal',
): { z: Float32Array; code: Float32Array } {
  const codeDim = codeWidth(prior);
  const width = noiseDim + codeDim;
  const z = new Float32Array(n * width);
  const code = new Float32Array(n * codeDim);
  for (let i = 0; i < n; i++) {
    if (noise === 'uniform') {
      for (let j = 0; j < noiseDim; j++) z[i * width + j] = 2 * rng.next() - 1;
    } else {
      for (let j = 0; j < noiseDim; j++) z[i * width + j] = rng.normal();
    }
    drawCodeInto(prior, rng, code, i * codeDim);
    z.set(code.subarray(i * codeDim, (i + 1) * codeDim), i * width + noiseDim);
  }
  return { z, code };
}

/** n rows drawn uniformly with replacement from row-major `data` [rows, dim]. */
export function drawRows(data: Float32Array, dim: number, n: number, rng: Rng): Float32Array {
  const rows = data.length / dim;
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const r = rng.int(rows);
    out.set(data.subarray(r * dim, (r + 1) * dim), i * dim);
  }
  return out;
}

/** FNV-1a over the bytes of `data`: a cheap fingerprint to check a resume uses the same data. */
export function fingerprint(data: Float32Array | Uint8Array): string {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return `${data.length}:${(h >>> 0).toString(16).padStart(8, '0')}`;
}
