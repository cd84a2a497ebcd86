import {
  assertArgument,
  assertPositiveInteger,
  batchNormTraining,
  runningAverage,
} from '@mine/core';
import * as tf from '@tensorflow/tfjs-core';
import { variableFrom } from './init.js';
import type { ApplyOptions, Network } from './network.js';

export interface BatchNormOptions {
  units: number;
  /**
   * Weight of the past in the running averages: avg ← momentum·avg + (1 − momentum)·batch.
   * @default 0.9 (PyTorch's momentum 0.1)
   */
  momentum?: number;
  /** Added to the variance before the square root. @default 1e-5 */
  epsilon?: number;
}

/**
 * Batch normalisation (Ioffe & Szegedy, 2015), on raw variables, of [n, units] rows or of
 * channels-last feature maps [n, h, w, units] (statistics over every axis but the last, as
 * for convolutions).
 * Training mode normalises with the batch mean and (biased) variance and, unless told not to,
 * moves the running averages; evaluation mode normalises with the running averages. The scale
 * γ and shift β are trainable; the running mean and variance are non-trainable variables.
 */
export interface BatchNorm extends Network {
  readonly units: number;
  readonly momentum: number;
  readonly epsilon: number;
  /** [runningMean, runningVariance]. */
  readonly statistics: readonly [tf.Variable, tf.Variable];
  apply<T extends tf.Tensor>(x: T, options?: ApplyOptions): T;
}

export function batchNorm(options: BatchNormOptions): BatchNorm {
  const { units, momentum = 0.9, epsilon = 1e-5 } = options;
  assertPositiveInteger(units, 'units');
  assertArgument(
    momentum >= 0 && momentum < 1,
    'momentum',
    () => `must be in [0, 1), got ${momentum}`,
  );
  assertArgument(epsilon > 0, 'epsilon', () => `must be positive, got ${epsilon}`);
  const gamma = variableFrom(tf.ones([units]), true);
  const beta = variableFrom(tf.zeros([units]), true);
  const runningMean = variableFrom(tf.zeros([units]), false);
  const runningVariance = variableFrom(tf.ones([units]), false);
  return {
    units,
    momentum,
    epsilon,
    statistics: [runningMean, runningVariance],
    trainableVariables: [gamma, beta],
    variables: [gamma, beta, runningMean, runningVariance],
    apply<T extends tf.Tensor>(
      x: T,
      { training = false, updateStatistics = true }: ApplyOptions = {},
    ) {
      assertArgument(
        x.rank >= 2 && x.shape[x.rank - 1] === units,
        'x',
        () => `must have ${units} channels on its last axis, got [${x.shape}]`,
      );
      return tf.tidy(() => {
        if (!training) {
          const normalised = tf.mul(
            tf.sub(x, runningMean),
            tf.rsqrt(tf.add(runningVariance, epsilon)),
          );
          return tf.add(tf.mul(normalised, gamma), beta) as T;
        }
        // One fused kernel forward and backward where the backend has it (wasm).
        const { y, mean, variance } = batchNormTraining(x, gamma, beta, epsilon);
        if (updateStatistics) {
          // Assignments are state, not part of the differentiated function: no gradient flows
          // through them even inside tf.variableGrads.
          runningMean.assign(runningAverage(runningMean, mean, momentum));
          runningVariance.assign(runningAverage(runningVariance, variance, momentum));
        }
        return y;
      });
    },
    dispose() {
      for (const v of [gamma, beta, runningMean, runningVariance]) v.dispose();
    },
  };
}
