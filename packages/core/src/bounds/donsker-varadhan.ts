import * as tf from '@tensorflow/tfjs-core';
import type { Bound } from '../types.js';
import { logMeanExp } from './log-mean-exp.js';

/**
 * Donsker-Varadhan lower bound (Eq. 6, 10, 11): E_P[T] − log E_Q[e^T], in nats.
 * The tightest of the bounds here; its plain mini-batch gradient is biased (Sec. 3.2).
 */
export const donskerVaradhan: Bound = (joint, marginal) =>
  tf.tidy(() => tf.sub(tf.mean(joint), logMeanExp(marginal)) as tf.Scalar);
