import type * as tf from '@tensorflow/tfjs-core';

/** What every network of @mine/nets exposes: its variables, and `dispose`. */
export interface Network {
  /** The parameters an optimizer updates, in a fixed order. */
  readonly trainableVariables: readonly tf.Variable[];
  /**
   * Every variable the network owns, trainable first, then state such as batch-norm running
   * averages, in a fixed order (checkpoints rely on it).
   */
  readonly variables: readonly tf.Variable[];
  dispose(): void;
}

/** How a network with batch normalisation runs. */
export interface ApplyOptions {
  /**
   * true: normalise with the batch's statistics (training); false: with the running averages
   * (evaluation). @default false
   */
  training?: boolean;
  /**
   * In training mode, also fold the batch statistics into the running averages. Set it to false
   * for extra forward passes of the same iteration (e.g. a second gradient), so the averages
   * move once per iteration. @default true
   */
  updateStatistics?: boolean;
}
