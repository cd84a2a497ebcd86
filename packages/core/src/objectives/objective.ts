import type * as tf from '@tensorflow/tfjs-core';
import type { Bound } from '../types.js';
import type { Resample } from './score-readout.js';

/** Settings an objective reads. */
export interface ObjectiveParams {
  /** Weight of the past in MINE's moving average (Eq. 12); 0 is the plain DV gradient. */
  readonly emaDecay: number;
  /** SMILE's clip threshold tau. */
  readonly clip: number;
}

/** An objective's training state in one trainer (MINE's moving average); disposed with it. */
export interface ObjectiveTrainer {
  /** The training objective on joint and marginal scores (nats, to maximise), for autodiff. */
  value(joint: tf.Tensor1D, marginal: tf.Tensor1D): tf.Scalar;
  /**
   * The same objective's value and its gradient with respect to the scores (joint scores first,
   * then marginal), in JS, where that gradient has a closed form; critics with a hand-written
   * backward pass then need no tape at all.
   */
  valueAndGradient?(
    scores: ArrayLike<number>,
    joint: number,
  ): { value: number; gradient: Float32Array };
  dispose(): void;
}

interface ObjectiveInfo<N extends string> {
  /** The name estimators are known by (`estimate(name, ...)`, `mine estimate --estimator`). */
  readonly name: N;
  /** How texts name it (e.g. 'MINE-f'). */
  readonly label: string;
  /** One line for help texts. */
  readonly description: string;
  /** The critic built when none is given. */
  readonly defaultCritic: 'concat' | 'separable';
  /**
   * The bound on held-out scores in JS: for pair objectives `joint` and `marginal` are scores, for
   * matrix objectives `joint` holds the per-row terms. `resample` picks rows (bootstrap).
   */
  readout(
    joint: ArrayLike<number>,
    marginal: ArrayLike<number>,
    params: ObjectiveParams,
    resample?: Resample,
  ): number;
  /** The largest value the read-out can take at a batch size, when it has one (InfoNCE). */
  ceiling?(batchSize: number): number;
}

/**
 * An objective trained on paired rows (x_i, z_i) against shuffled pairs (x_i, z_σ(i)): what the
 * critic maximises and the bound reported, as one value.
 */
export interface PairObjective<N extends string = string> extends ObjectiveInfo<N> {
  readonly scores: 'pairs';
  trainer(params: ObjectiveParams): ObjectiveTrainer;
  /** The reported bound on score tensors; `readout` is its JS twin. */
  bound(params: ObjectiveParams): Bound;
}

/** An objective on the b×b score matrix of a batch (every x against every z), like InfoNCE. */
export interface MatrixObjective<N extends string = string> extends ObjectiveInfo<N> {
  readonly scores: 'matrix';
  /** The training objective, which is also the reported bound, on a square score matrix. */
  bound(scores: tf.Tensor2D): tf.Scalar;
  /** Per-row terms whose mean is `bound`; `readout` averages them. */
  terms(scores: tf.Tensor2D): tf.Tensor1D;
}

export type Objective<N extends string = string> = PairObjective<N> | MatrixObjective<N>;
