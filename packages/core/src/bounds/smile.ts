import * as tf from '@tensorflow/tfjs-core';
import type { Bound } from '../types.js';
import { logMeanExp } from './log-mean-exp.js';

/**
 * SMILE (Song & Ermon, 2020): Donsker-Varadhan with the partition term's scores clipped to
 * [−tau, tau], which trades a little bias for much lower variance at high MI.
 */
export function smile(tau: number): Bound {
  return (joint, marginal) =>
    tf.tidy(
      () => tf.sub(tf.mean(joint), logMeanExp(tf.clipByValue(marginal, -tau, tau))) as tf.Scalar,
    );
}
