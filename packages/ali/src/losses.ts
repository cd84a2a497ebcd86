import * as tf from '@tensorflow/tfjs-core';

/**
 * Both sides of a discriminator's objective from the logits of one batch that holds n "real"
 * pairs, then n "fake" ones (one pass, so batch norm sees both): the discriminator's loss
 * −E[log D(real)] − E[log(1 − D(fake))], and the generator's non-saturating loss with the labels
 * swapped, −E[log(1 − D(real))] − E[log D(fake)] (ALI's encoder and decoder both play it).
 */
export function adversarialLosses(logits: tf.Tensor1D): {
  discriminator: tf.Scalar;
  generator: tf.Scalar;
} {
  return tf.tidy(() => {
    const n = logits.shape[0] / 2;
    const [real, fake] = tf.split(logits, [n, n]) as [tf.Tensor1D, tf.Tensor1D];
    return {
      discriminator: tf.add(tf.mean(tf.softplus(tf.neg(real))), tf.mean(tf.softplus(fake))),
      generator: tf.add(tf.mean(tf.softplus(real)), tf.mean(tf.softplus(tf.neg(fake)))),
    };
  });
}
