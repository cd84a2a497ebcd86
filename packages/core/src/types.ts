import type * as tf from '@tensorflow/tfjs-core';

/**
 * A variational lower bound on a divergence, evaluated on critic scores.
 * joint: T(x_i, z_i) [n]; marginal: T(x_i, z_σ(i)) [m]. Returns nats.
 */
export type Bound = (joint: tf.Tensor1D, marginal: tf.Tensor1D) => tf.Scalar;

/** A statistics network T(x, z) (the paper's T_θ). */
export interface Critic {
  readonly xDim: number;
  readonly zDim: number;
  /**
   * Scores of paired rows: [n,dx],[n,dz] → [n]. Critics with stochastic layers (input or
   * hidden noise, as in the Information Bottleneck's statistics network) apply them only when
   * `options.training` is true; a plain critic ignores the options.
   */
  score(x: tf.Tensor2D, z: tf.Tensor2D, options?: ScoreOptions): tf.Tensor1D;
  /**
   * Scores of every pair: [n,dx],[m,dz] → [n,m], entry (i,j) = T(x_i, z_j). Separable critics
   * compute this with one matrix product; concat critics tile.
   */
  scoreMatrix?(x: tf.Tensor2D, z: tf.Tensor2D): tf.Tensor2D;
  /**
   * Scores of paired rows with a hand-written backward pass (optional; critics without one
   * train through tfjs's gradients). See `CriticTrace`.
   */
  scoreForTraining?(x: tf.Tensor2D, z: tf.Tensor2D): CriticTrace;
  readonly trainableVariables: readonly tf.Variable[];
  dispose(): void;
}

/** How a critic scores: training mode turns on its stochastic layers, if it has any. */
export interface ScoreOptions {
  /** @default false */
  readonly training?: boolean;
}

/**
 * Scores recorded outside the autodiff tape: `backward(dScores)` gives dLoss/dVariable in the
 * order of `trainableVariables`. The caller disposes the gradients and the trace.
 */
export interface CriticTrace {
  readonly scores: tf.Tensor1D;
  backward(dScores: tf.Tensor1D): tf.Tensor[];
  dispose(): void;
}

/** A batch of paired rows, row-major: x is [n, xDim], z is [n, zDim]. */
export interface Batch {
  readonly n: number;
  readonly x: Float32Array;
  readonly z: Float32Array;
}

/** A joint distribution we can sample from, with its mutual information known. */
export interface Sampler {
  readonly name: string;
  readonly xDim: number;
  readonly zDim: number;
  /** Draws n paired rows; equal seeds give equal batches. */
  sample(n: number, seed: number): Batch;
  /** The true I(X; Z) in nats. */
  mutualInformation(): number;
}
