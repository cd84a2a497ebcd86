/**
 * Bounds on score arrays in plain JS, for bootstrapping held-out evaluations without tensors.
 * They mirror the tensor bounds in ../bounds.
 */

function logMeanExpOf(
  values: ArrayLike<number>,
  index?: ArrayLike<number>,
  clip = Infinity,
): number {
  const count = index ? index.length : values.length;
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < count; k++) {
    const v = Math.max(-clip, Math.min(clip, values[index ? index[k]! : k]!));
    if (v > max) max = v;
  }
  let sum = 0;
  for (let k = 0; k < count; k++) {
    const v = Math.max(-clip, Math.min(clip, values[index ? index[k]! : k]!));
    sum += Math.exp(v - max);
  }
  return max + Math.log(sum / count);
}

function meanOf(values: ArrayLike<number>, index?: ArrayLike<number>): number {
  const count = index ? index.length : values.length;
  let sum = 0;
  for (let k = 0; k < count; k++) sum += values[index ? index[k]! : k]!;
  return sum / count;
}

export type ReadoutKind = 'dv' | 'nwj' | 'smile' | 'mean';

/**
 * The bound from joint scores and marginal scores, optionally on a resample of rows.
 * For 'mean' (InfoNCE), `joint` holds per-row terms and `marginal` is ignored.
 */
export function readout(
  kind: ReadoutKind,
  joint: ArrayLike<number>,
  marginal: ArrayLike<number>,
  options: {
    jointIndex?: ArrayLike<number>;
    marginalIndex?: ArrayLike<number>;
    clip?: number;
  } = {},
): number {
  const { jointIndex, marginalIndex, clip = 5 } = options;
  const first = meanOf(joint, jointIndex);
  switch (kind) {
    case 'mean':
      return first;
    case 'dv':
      return first - logMeanExpOf(marginal, marginalIndex);
    case 'smile':
      return first - logMeanExpOf(marginal, marginalIndex, clip);
    case 'nwj': {
      const count = marginalIndex ? marginalIndex.length : marginal.length;
      let sum = 0;
      for (let k = 0; k < count; k++)
        sum += Math.exp(marginal[marginalIndex ? marginalIndex[k]! : k]! - 1);
      return first - sum / count;
    }
  }
}
