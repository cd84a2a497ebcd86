import * as tf from '@tensorflow/tfjs-core';
import type { Bound } from '../types.js';

/**
 * f-divergence (NWJ) lower bound used by MINE-f (Eq. 8): E_P[T] − E_Q[e^(T−1)], in nats.
 * Unbiased in mini-batches but looser than Donsker-Varadhan for any fixed T.
 */
export const nwj: Bound = (joint, marginal) =>
  tf.tidy(() => tf.sub(tf.mean(joint), tf.mean(tf.exp(tf.sub(marginal, 1)))) as tf.Scalar);
