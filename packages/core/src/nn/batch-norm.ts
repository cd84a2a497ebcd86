import * as tf from '@tensorflow/tfjs-core';
import { assertArgument } from '../errors.js';
import { fusedKernelActive } from './fused-kernel.js';

/** Kernel of `batchNormTraining`: inputs x, gamma, beta; outputs y, mean, variance. */
export const BATCH_NORM_TRAINING = 'MineBatchNormTraining';
/** Its gradient: inputs dy, x, gamma, mean, variance, dMean, dVariance; outputs dx, dGamma, dBeta. */
export const BATCH_NORM_TRAINING_GRAD = 'MineBatchNormTrainingGrad';

export interface BatchNormTrainingAttrs {
  epsilon: number;
}

export interface BatchNormTrainingResult<T extends tf.Tensor> {
  /** (x − mean) / √(variance + ε) · γ + β */
  y: T;
  /** Per-channel batch mean [channels]. */
  mean: tf.Tensor1D;
  /** Per-channel biased batch variance [channels]. */
  variance: tf.Tensor1D;
}

/**
 * Training-mode batch normalisation (Ioffe & Szegedy, 2015) of channels-last x [..., channels]:
 * statistics over every axis but the last, differentiable in x, γ and β (and through the
 * returned mean and variance).
 *
 * Where the active backend has the fused kernel (wasm, with our kernel fixes) this is one kernel
 * forward and one backward, instead of ~15 forward and ~25 backward as tfjs ops (moments,
 * broadcast arithmetic and their gradients); elsewhere it is those tfjs ops.
 */
export function batchNormTraining<T extends tf.Tensor>(
  x: T,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  epsilon: number,
): BatchNormTrainingResult<T> {
  const channels = x.shape[x.rank - 1];
  assertArgument(x.rank >= 2, 'x', () => `must have rank 2 or more, got [${x.shape}]`);
  assertArgument(
    gamma.rank === 1 && gamma.shape[0] === channels,
    'gamma',
    () => `must be [${channels}] (x's channels), got [${gamma.shape}]`,
  );
  assertArgument(
    beta.rank === 1 && beta.shape[0] === channels,
    'beta',
    () => `must be [${channels}] (x's channels), got [${beta.shape}]`,
  );
  assertArgument(epsilon > 0, 'epsilon', () => `must be positive, got ${epsilon}`);
  if (x.dtype === 'float32' && fusedKernelActive(BATCH_NORM_TRAINING, BATCH_NORM_TRAINING_GRAD)) {
    const attrs: BatchNormTrainingAttrs = { epsilon };
    const [y, mean, variance] = tf
      .engine()
      .runKernel(
        BATCH_NORM_TRAINING,
        { x, gamma, beta },
        attrs as unknown as tf.NamedAttrMap,
      ) as tf.Tensor[];
    return { y: y as T, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
  }
  return tf.tidy(() => {
    const axes = x.shape.slice(0, -1).map((_, i) => i);
    const { mean, variance } = tf.moments(x, axes);
    const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon)));
    return {
      y: tf.add(tf.mul(normalised, gamma), beta) as T,
      mean: mean as tf.Tensor1D,
      variance: variance as tf.Tensor1D,
    };
  });
}

/**
 * Registers the gradient of the fused kernel (backend-independent: it runs the gradient kernel of
 * the backend that ran the forward). Called by whoever registers the kernels; harmless twice.
 */
export function registerBatchNormTrainingGradient(): void {
  if (tf.getGradient(BATCH_NORM_TRAINING)) return;
  tf.registerGradient({
    kernelName: BATCH_NORM_TRAINING,
    inputsToSave: ['x', 'gamma'],
    outputsToSave: [false, true, true],
    gradFunc: (dys, saved, attrs) => {
      const [dy, dMean, dVariance] = dys as tf.Tensor[];
      const [x, gamma, mean, variance] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      // One kernel gives all three: run it now, not in the per-input closures (backprop tidies
      // each closure, which would free the other two outputs).
      const [dx, dGamma, dBeta] = tf
        .engine()
        .runKernel(
          BATCH_NORM_TRAINING_GRAD,
          { dy: dy!, x, gamma, mean, variance, dMean: dMean!, dVariance: dVariance! },
          attrs as tf.NamedAttrMap,
        ) as tf.Tensor[];
      return { x: () => dx!, gamma: () => dGamma!, beta: () => dBeta! };
    },
  });
}
