import * as tf from '@tensorflow/tfjs-core';
import { assertArgument } from '../errors.js';

/** Frobenius norm over a set of gradients, as if they were one flat vector. */
export function globalNorm(grads: tf.NamedTensorMap): tf.Scalar {
  return tf.tidy(() => {
    const squares = Object.values(grads).map((g) => tf.sum(tf.square(g)));
    return tf.sqrt(squares.length > 0 ? tf.addN(squares) : tf.scalar(0)) as tf.Scalar;
  });
}

/**
 * Adaptive gradient clipping (Eq. 21): rescales the MI gradient g_m so that its norm is at most
 * that of the adversarial gradient g_u, g_a = min(‖g_u‖, ‖g_m‖) · g_m / ‖g_m‖, with norms taken
 * over all parameters together. Returns g_a with g_m's keys; the caller disposes it.
 */
export function adaptiveClip(
  adversarial: tf.NamedTensorMap,
  mutualInformation: tf.NamedTensorMap,
): tf.NamedTensorMap {
  return tf.tidy(() => {
    const normU = globalNorm(adversarial);
    const normM = globalNorm(mutualInformation);
    // Scale = min(‖g_u‖, ‖g_m‖) / ‖g_m‖, and 0 when g_m vanishes.
    const scale = tf.div(tf.minimum(normU, normM), tf.maximum(normM, 1e-12));
    const out: tf.NamedTensorMap = {};
    for (const [name, g] of Object.entries(mutualInformation)) out[name] = tf.mul(g, scale);
    return out;
  });
}

/**
 * The generator's update direction with the MI term clipped: g_u + g_a (Eq. 21), per parameter.
 * Both maps must hold the same parameters.
 */
export function combineWithAdaptiveClip(
  adversarial: tf.NamedTensorMap,
  mutualInformation: tf.NamedTensorMap,
): tf.NamedTensorMap {
  const keys = Object.keys(adversarial);
  assertArgument(
    keys.length === Object.keys(mutualInformation).length &&
      keys.every((k) => k in mutualInformation),
    'mutualInformation',
    () => 'must hold gradients for the same parameters as the adversarial gradients',
  );
  return tf.tidy(() => {
    const clipped = adaptiveClip(adversarial, mutualInformation);
    const out: tf.NamedTensorMap = {};
    for (const k of keys) out[k] = tf.add(adversarial[k]!, clipped[k]!);
    return out;
  });
}
