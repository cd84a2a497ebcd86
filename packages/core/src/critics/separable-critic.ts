import * as tf from '@tensorflow/tfjs-core';
import { type Activation, mlp } from '../nn/mlp.js';
import type { Critic } from '../types.js';

export interface SeparableCriticOptions {
  xDim: number;
  zDim: number;
  /** Hidden sizes of each encoder. @default [256, 256] */
  hidden?: readonly number[];
  /** Embedding size. @default 32 */
  embedding?: number;
  /** @default 'relu' */
  activation?: Exclude<Activation, 'linear'>;
  /** @default 0 */
  seed?: number;
}

/**
 * T(x, z) = g(x)·h(z) with two encoders. One matrix product scores all b² pairs of a batch, so
 * every other row serves as a negative (InfoNCE's natural critic).
 */
export function separableCritic(options: SeparableCriticOptions): Critic {
  const {
    xDim,
    zDim,
    hidden = [256, 256],
    embedding = 32,
    activation = 'relu',
    seed = 0,
  } = options;
  const g = mlp({ inputDim: xDim, hidden, outputDim: embedding, activation, seed });
  const h = mlp({ inputDim: zDim, hidden, outputDim: embedding, activation, seed: seed + 1 });
  return {
    xDim,
    zDim,
    score: (x, z) => tf.tidy(() => tf.sum(tf.mul(g.apply(x), h.apply(z)), 1) as tf.Tensor1D),
    scoreMatrix: (x, z) => tf.tidy(() => tf.matMul(g.apply(x), h.apply(z), false, true)),
    trainableVariables: [...g.variables, ...h.variables],
    dispose() {
      g.dispose();
      h.dispose();
    },
  };
}
