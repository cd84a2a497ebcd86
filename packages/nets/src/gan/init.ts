import type { WeightInit } from '@mine/core';
import * as tf from '@tensorflow/tfjs-core';

export { assertWeightInit, initKernel, type WeightInit } from '@mine/core';
/**
 * N(0, 0.02²): the initialisation of the DCGAN / ALI code (Dumoulin et al., 2016) whose toy
 * generator Sec. 8.1.2 follows. At the paper's learning rate it matters: Adam moves each weight by
 * about the learning rate per step, so small kernels turn faster (behind batch norm their scale is
 * free). After 5,000 iterations at 1e-4, 10% of the 25-Gaussians GAN's samples lay near a mode
 * with Glorot-uniform kernels (7% is a spread over the square), 36% with these.
 */
export const DEFAULT_WEIGHT_INIT: WeightInit = Object.freeze({ normalStd: 0.02 });

/** A variable holding `init`, which it consumes. */
export function variableFrom(init: tf.Tensor, trainable: boolean): tf.Variable {
  const v = tf.variable(init, trainable);
  init.dispose();
  return v;
}
