/**
 * Seeded pseudo-random numbers (xoshiro128**, seeded through splitmix32). Every random choice in
 * @mine takes a seed or an Rng; nothing reads a global generator.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A new independent generator derived from this one. */
  fork(): Rng;
  /** A 32-bit seed drawn from this generator (for seeding tfjs ops). */
  seed(): number;
}

function splitmix32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x9e3779b9) >>> 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates a generator from an integer seed; equal seeds give equal streams. */
export function createRng(seed: number): Rng {
  const init = splitmix32(Math.floor(seed) ^ 0x5bd1e995);
  let s0 = init();
  let s1 = init();
  let s2 = init();
  let s3 = init();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  let spare: number | undefined;

  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const next = (): number => nextU32() / 4294967296;

  const rng: Rng = {
    next,
    normal() {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      // Marsaglia polar method: two normals per accepted pair.
      let u: number;
      let v: number;
      let s: number;
      do {
        u = 2 * next() - 1;
        v = 2 * next() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      spare = v * f;
      return u * f;
    },
    int(n) {
      return Math.floor(next() * n);
    },
    fork() {
      return createRng(nextU32());
    },
    seed() {
      return nextU32();
    },
  };
  return rng;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** In-place Fisher-Yates shuffle of `array`. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(
  array: T,
  rng: Rng,
): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = array[i]!;
    array[i] = array[j]!;
    array[j] = tmp;
  }
  return array;
}

/** A random permutation of 0..n-1. */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return shuffleInPlace(p, rng);
}

/**
 * A random permutation of 0..n-1 with no fixed point (n >= 2), for marginal pairs: a fixed point
 * would pair a row with its own partner. Fixed points of a uniform permutation are swapped with
 * their neighbour, which keeps every index used exactly once. For n < 2 the identity.
 */
export function derangement(n: number, rng: Rng): Int32Array {
  const p = permutation(n, rng);
  if (n < 2) return p;
  for (let i = 0; i < n; i++) {
    if (p[i] === i) {
      const j = i === n - 1 ? 0 : i + 1;
      const t = p[i]!;
      p[i] = p[j]!;
      p[j] = t;
    }
  }
  return p;
}

/**
 * The seed of iteration `step` of a run seeded with `seed`: when every random draw of an
 * iteration comes from `createRng(stepSeed(seed, step))`, a restored run needs only
 * (seed, step) to continue exactly where it stopped.
 */
export function stepSeed(seed: number, step: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) ^ (step >>> 0);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The generator of iteration `step` of a run seeded with `seed` (see `stepSeed`). */
export function stepRng(seed: number, step: number): Rng {
  return createRng(stepSeed(seed, step));
}
