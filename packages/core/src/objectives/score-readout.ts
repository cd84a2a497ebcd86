/**
 * The bounds of ../bounds on score arrays in plain JS (float64), optionally on a resample of the
 * rows: held-out read-outs and their bootstrap run here without tensors. Each objective pairs one
 * of these with its tensor bound, and objectives.test.ts checks that the two agree on random
 * scores, resampled or not.
 */

/** Rows of a resample: joint scores by index, and marginal scores by index. */
export interface Resample {
  readonly jointIndex: ArrayLike<number>;
  readonly marginalIndex: ArrayLike<number>;
}

function at(values: ArrayLike<number>, index: ArrayLike<number> | undefined, k: number): number {
  return values[index ? index[k]! : k]!;
}

export function meanOf(values: ArrayLike<number>, index?: ArrayLike<number>): number {
  const count = index ? index.length : values.length;
  let sum = 0;
  for (let k = 0; k < count; k++) sum += at(values, index, k);
  return sum / count;
}

/** log mean exp of the values clipped to [−clip, clip], shifted by the max. */
export function logMeanExpOf(
  values: ArrayLike<number>,
  index?: ArrayLike<number>,
  clip = Number.POSITIVE_INFINITY,
): number {
  const count = index ? index.length : values.length;
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < count; k++) {
    const v = Math.max(-clip, Math.min(clip, at(values, index, k)));
    if (v > max) max = v;
  }
  let sum = 0;
  for (let k = 0; k < count; k++) {
    const v = Math.max(-clip, Math.min(clip, at(values, index, k)));
    sum += Math.exp(v - max);
  }
  return max + Math.log(sum / count);
}

/** mean exp(v − 1), the NWJ partition term. */
export function meanExpMinusOneOf(values: ArrayLike<number>, index?: ArrayLike<number>): number {
  const count = index ? index.length : values.length;
  let sum = 0;
  for (let k = 0; k < count; k++) sum += Math.exp(at(values, index, k) - 1);
  return sum / count;
}
