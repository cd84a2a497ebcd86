import * as tf from '@tensorflow/tfjs-core';

/**
 * InfoNCE (van den Oord et al., 2018) on a score matrix S[i, j] = T(x_i, z_j) whose diagonal holds
 * the paired rows: mean_i(S_ii − logsumexp_j S_ij) + log n. It can never exceed log n, so it
 * saturates there when the true MI is larger (see `infoNceCeiling`).
 */
export function infoNce(scores: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const [n, m] = scores.shape;
    if (n !== m) throw new Error(`infoNce needs a square score matrix, got [${scores.shape}]`);
    const diagonal = tf.sum(tf.mul(scores, tf.eye(n)), 1);
    const lse = tf.logSumExp(scores, 1);
    return tf.add(tf.mean(tf.sub(diagonal, lse)), Math.log(n)) as tf.Scalar;
  });
}

/** The largest value InfoNCE can take with n rows: log n nats. */
export function infoNceCeiling(n: number): number {
  return Math.log(n);
}
