import * as tf from '@tensorflow/tfjs-core';

/** log(mean(exp(v))) over all entries, shifted by the max so large scores cannot overflow. */
export function logMeanExp(values: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.sub(tf.logSumExp(values), Math.log(values.size)) as tf.Scalar);
}
