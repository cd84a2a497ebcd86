import * as tf from '@tensorflow/tfjs-core';
import type { MineEstimator } from '../mine/estimator.js';
import type { ObjectiveParams } from '../objectives/objective.js';
import type { Rng } from '../random.js';

/** One held-out evaluation: the bound and the scores it came from (kept for the bootstrap). */
export interface Evaluation {
  value: number;
  /** Joint scores (matrix objectives: the per-row terms). */
  joint: Float32Array;
  /** Marginal scores, `joint.length`·negatives of them (matrix objectives: the terms again). */
  marginal: Float32Array;
}

/**
 * Returns a function that evaluates the bound on the held-out rows. Pair objectives score every
 * held-out pair against `negatives` shuffles; matrix objectives (InfoNCE) score blocks of one
 * batch, since their value depends on the number of candidates.
 */
export function heldOutEvaluator(
  estimator: MineEstimator,
  heldX: tf.Tensor2D,
  heldZ: tf.Tensor2D,
  batchSize: number,
  negatives: number,
  params: ObjectiveParams,
): () => Evaluation {
  const { objective, critic } = estimator;
  if (objective.scores === 'matrix') {
    const nHeld = heldX.shape[0];
    return () => {
      const terms = new Float32Array(nHeld);
      for (let start = 0; start + batchSize <= nHeld || start === 0; start += batchSize) {
        const size = Math.min(batchSize, nHeld - start);
        const block = tf.tidy(() =>
          objective.terms(
            critic.scoreMatrix!(tf.slice(heldX, start, size), tf.slice(heldZ, start, size)),
          ),
        );
        terms.set(block.dataSync() as Float32Array, start);
        block.dispose();
        if (start + size >= nHeld) break;
      }
      const used = terms.subarray(0, Math.floor(nHeld / batchSize) * batchSize || nHeld);
      return {
        value: objective.readout(used, used, params),
        joint: used.slice(),
        marginal: used.slice(),
      };
    };
  }
  return () => {
    const { joint, marginal } = estimator.scores(heldX, heldZ, negatives);
    const j = joint.dataSync() as Float32Array;
    const m = marginal.dataSync() as Float32Array;
    joint.dispose();
    marginal.dispose();
    return { value: objective.readout(j, m, params), joint: j, marginal: m };
  };
}

/**
 * Percentile interval of the read-out over bootstrap resamples of the held-out rows, averaged over
 * the evaluations (a row keeps its marginal pairs in every resample).
 */
export function bootstrapInterval(
  evaluations: readonly Evaluation[],
  readout: (
    e: Evaluation,
    resample: { jointIndex: Int32Array; marginalIndex: Int32Array },
  ) => number,
  resamples: number,
  confidence: number,
  rng: Rng,
): [number, number] {
  const first = evaluations[0]!;
  const n = first.joint.length;
  const perRow = first.marginal.length / n;
  const jointIndex = new Int32Array(n);
  const marginalIndex = new Int32Array(n * perRow);
  const values: number[] = [];
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) {
      const row = rng.int(n);
      jointIndex[i] = row;
      // Marginal pair k·n + row belongs to row `row` for every repeat k.
      for (let k = 0; k < perRow; k++) marginalIndex[k * n + i] = k * n + row;
    }
    let sum = 0;
    for (const e of evaluations) sum += readout(e, { jointIndex, marginalIndex });
    values.push(sum / evaluations.length);
  }
  values.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  const at = (q: number) =>
    values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))]!;
  return [at(tail), at(1 - tail)];
}
