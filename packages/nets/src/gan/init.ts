import type { Rng } from '@mine/core';
import * as tf from '@tensorflow/tfjs-core';

/** Glorot-uniform kernel [fanIn, fanOut] drawn from `rng` (the same rule as core's `mlp`). */
export function glorotUniform(fanIn: number, fanOut: number, rng: Rng): tf.Tensor2D {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const values = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < values.length; i++) values[i] = (2 * rng.next() - 1) * limit;
  return tf.tensor2d(values, [fanIn, fanOut]);
}

/** A variable holding `init`, which it consumes. */
export function variableFrom(init: tf.Tensor, trainable: boolean): tf.Variable {
  const v = tf.variable(init, trainable);
  init.dispose();
  return v;
}
