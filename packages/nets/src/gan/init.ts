export { glorotUniform } from '@mine/core';

import * as tf from '@tensorflow/tfjs-core';

/** A variable holding `init`, which it consumes. */
export function variableFrom(init: tf.Tensor, trainable: boolean): tf.Variable {
  const v = tf.variable(init, trainable);
  init.dispose();
  return v;
}
