import * as tf from '@tensorflow/tfjs-core';

/** S_ii − logsumexp_j S_ij per row i of a square score matrix. */
function rowTerms(scores: tf.Tensor2D, op: string): tf.Tensor1D {
  const [n, m] = scores.shape;
  if (n !== m) throw new Error(`${op} needs a square score matrix, got [${scores.shape}]`);
  const diagonal = tf.sum(tf.mul(scores, tf.eye(n)), 1);
  return tf.sub(diagonal, tf.logSumExp(scores, 1)) as tf.Tensor1D;
}

/**
 * InfoNCE (van den Oord et al., 2018) on a score matrix S[i, j] = T(x_i, z_j) whose diagonal holds
 * the paired rows: mean_i(S_ii − logsumexp_j S_ij) + log n. It can never exceed log n, so it
 * saturates there when the true MI is larger (see `infoNceCeiling`).
 */
export function infoNce(scores: tf.Tensor2D): tf.Scalar {
  return tf.tidy(
    () => tf.add(tf.mean(rowTerms(scores, 'infoNce')), Math.log(scores.shape[0])) as tf.Scalar,
  );
}

/** InfoNCE's per-row terms S_ii − logsumexp_j S_ij + log n, whose mean is `infoNce`. */
export function infoNceTerms(scores: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(
    () => tf.add(rowTerms(scores, 'infoNceTerms'), Math.log(scores.shape[0])) as tf.Tensor1D,
  );
}

/** The largest value InfoNCE can take with n rows: log n nats. */
export function infoNceCeiling(n: number): number {
  return Math.log(n);
}
