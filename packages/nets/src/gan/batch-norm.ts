import { assertArgument } from '@mine/core';
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
 * Batch normalisation over the rows of [n, units] (Ioffe & Szegedy, 2015), on raw variables.
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
  apply(x: tf.Tensor2D, options?: ApplyOptions): tf.Tensor2D;
}

export function batchNorm(options: BatchNormOptions): BatchNorm {
  const { units, momentum = 0.9, epsilon = 1e-5 } = options;
  assertArgument(
    Number.isInteger(units) && units > 0,
    'units',
    () => `must be a positive integer, got ${units}`,
  );
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
    apply(x, { training = false, updateStatistics = true } = {}) {
      return tf.tidy(() => {
        let mean: tf.Tensor = runningMean;
        let variance: tf.Tensor = runningVariance;
        if (training) {
          mean = tf.mean(x, 0);
          variance = tf.mean(tf.square(tf.sub(x, mean)), 0);
          if (updateStatistics) {
            // Assignments are state, not part of the differentiated function: no gradient flows
            // through them even inside tf.variableGrads.
            runningMean.assign(tf.add(tf.mul(runningMean, momentum), tf.mul(mean, 1 - momentum)));
            runningVariance.assign(
              tf.add(tf.mul(runningVariance, momentum), tf.mul(variance, 1 - momentum)),
            );
          }
        }
        const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon)));
        return tf.add(tf.mul(normalised, gamma), beta) as tf.Tensor2D;
      });
    },
    dispose() {
      for (const v of [gamma, beta, runningMean, runningVariance]) v.dispose();
    },
  };
}
