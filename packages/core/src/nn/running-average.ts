import * as tf from '@tensorflow/tfjs-core';
import { assertArgument } from '../errors.js';

/** Kernel of `runningAverage`: inputs average, value; output the next average. */
export const RUNNING_AVERAGE = 'MineRunningAverage';

export interface RunningAverageAttrs {
  momentum: number;
}

/**
 * momentum · average + (1 − momentum) · value, elementwise (e.g. batch norm's running mean and
 * variance). State, not part of any differentiated function: it has no gradient.
 *
 * Where the active backend has the fused kernel (wasm, with our kernel fixes) this is one kernel
 * that rounds as the tfjs ops do; elsewhere two Multiply and one Add. Inside tf.variableGrads
 * those ops also join the tape, and each Multiply there clones both inputs for a backward pass
 * that never runs.
 */
export function runningAverage<T extends tf.Tensor>(
  average: T,
  value: tf.Tensor,
  momentum: number,
): T {
  assertArgument(
    momentum >= 0 && momentum < 1,
    'momentum',
    () => `must be in [0, 1), got ${momentum}`,
  );
  assertArgument(
    tf.util.arraysEqual(average.shape, value.shape),
    'value',
    () => `must have the average's shape [${average.shape}], got [${value.shape}]`,
  );
  const float = average.dtype === 'float32' && value.dtype === 'float32';
  if (float && tf.getKernel(RUNNING_AVERAGE, tf.getBackend()) !== undefined) {
    const attrs: RunningAverageAttrs = { momentum };
    return tf
      .engine()
      .runKernel(RUNNING_AVERAGE, { average, value }, attrs as unknown as tf.NamedAttrMap) as T;
  }
  return tf.tidy(() => tf.add(tf.mul(average, momentum), tf.mul(value, 1 - momentum)) as T);
}
