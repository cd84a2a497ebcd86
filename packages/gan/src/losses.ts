import * as tf from '@tensorflow/tfjs-core';

/**
 * The discriminator's loss, −(E[log D(x)] + E[log(1 − D(G(z)))]) (Eq. 16), on logits
 * (D = sigmoid(logit)): mean softplus(−real) + mean softplus(fake).
 */
export function discriminatorLoss(realLogits: tf.Tensor1D, fakeLogits: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() =>
    tf.add(tf.mean(tf.softplus(tf.neg(realLogits))), tf.mean(tf.softplus(fakeLogits))),
  );
}

/**
 * The generator's non-saturating loss, −E[log D(G(z))] (the first term of Eq. 17), on logits:
 * mean softplus(−fake).
 */
export function generatorLoss(fakeLogits: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.softplus(tf.neg(fakeLogits))));
}
