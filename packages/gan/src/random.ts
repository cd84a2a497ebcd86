import { createRng, permutation, type Rng } from '@mine/core';
import { type CodePrior, codeWidth, drawCodeInto } from './code-prior.js';

/**
 * The seed of iteration `step` of a run seeded with `seed`: every random draw of an iteration
 * comes from `createRng(stepSeed(seed, step))`, so a restored run needs only (seed, step) to
 * continue exactly where it stopped.
 */
export function stepSeed(seed: number, step: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) ^ (step >>> 0);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The rng of iteration `step`. */
export function stepRng(seed: number, step: number): Rng {
  return createRng(stepSeed(seed, step));
}

/**
 * n prior samples z = [ε, c], row-major [n, noiseDim + codeWidth(prior)], with ε ~ N(0, I) and c
 * drawn from `prior`; also returns c alone, [n, codeWidth(prior)].
 */
export function drawPrior(
  n: number,
  noiseDim: number,
  prior: CodePrior,
  rng: Rng,
): { z: Float32Array; code: Float32Array } {
  const codeDim = codeWidth(prior);
  const width = noiseDim + codeDim;
  const z = new Float32Array(n * width);
  const code = new Float32Array(n * codeDim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < noiseDim; j++) z[i * width + j] = rng.normal();
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

/** Rows of `values` [n, dim] reordered by a permutation with no fixed point. */
export function derange(values: Float32Array, dim: number, rng: Rng): Float32Array {
  const n = values.length / dim;
  const p = permutation(n, rng);
  if (n >= 2) {
    for (let i = 0; i < n; i++) {
      if (p[i] === i) {
        const j = i === n - 1 ? 0 : i + 1;
        const t = p[i]!;
        p[i] = p[j]!;
        p[j] = t;
      }
    }
  }
  const out = new Float32Array(values.length);
  for (let i = 0; i < n; i++) out.set(values.subarray(p[i]! * dim, (p[i]! + 1) * dim), i * dim);
  return out;
}

/** FNV-1a over the bytes of `data`: a cheap fingerprint to check a resume uses the same data. */
export function fingerprint(data: Float32Array): string {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return `${data.length}:${(h >>> 0).toString(16).padStart(8, '0')}`;
}
