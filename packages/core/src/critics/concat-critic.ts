import * as tf from '@tensorflow/tfjs-core';
import { type Activation, mlp } from '../nn/mlp.js';
import { concatColumns } from '../nn/rows.js';
import type { Critic } from '../types.js';

export interface ConcatCriticOptions {
  xDim: number;
  zDim: number;
  /** @default [400, 400] */
  hidden?: readonly number[];
  /** @default 'relu' */
  activation?: Exclude<Activation, 'linear'>;
  /** @default 0 */
  seed?: number;
}

/** The paper's statistics network: an MLP on the concatenation [x, z] → one score. */
export function concatCritic(options: ConcatCriticOptions): Critic {
  const { xDim, zDim, hidden = [400, 400], activation = 'relu', seed = 0 } = options;
  const net = mlp({ inputDim: xDim + zDim, hidden, outputDim: 1, activation, seed });
  const score = (x: tf.Tensor2D, z: tf.Tensor2D) =>
    tf.tidy(() => tf.reshape(net.apply(tf.concat([x, z], 1)), [-1]) as tf.Tensor1D);
  return {
    xDim,
    zDim,
    score,
    scoreMatrix(x, z) {
      // Every (x_i, z_j) pair: tile x row-wise and z block-wise, score, reshape to [n, m].
      return tf.tidy(() => {
        const n = x.shape[0];
        const m = z.shape[0];
        const xs = tf.reshape(tf.tile(tf.expandDims(x, 1), [1, m, 1]), [
          n * m,
          xDim,
        ]) as tf.Tensor2D;
        const zs = tf.tile(z, [n, 1]) as tf.Tensor2D;
        return tf.reshape(score(xs, zs), [n, m]) as tf.Tensor2D;
      });
    },
    scoreForTraining: net.trace
      ? (x, z) => {
          const input = concatColumns(x, z);
          const trace = net.trace!(input);
          const scores = tf.reshape(trace.output, [-1]) as tf.Tensor1D;
          return {
            scores,
            backward: (dScores) =>
              tf.tidy(() => trace.backward(tf.reshape(dScores, [-1, 1]) as tf.Tensor2D)),
            dispose() {
              trace.dispose();
              tf.dispose([input, scores]);
            },
          };
        }
      : undefined,
    trainableVariables: net.variables,
    dispose: () => net.dispose(),
  };
}
