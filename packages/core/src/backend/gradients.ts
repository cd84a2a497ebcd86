import * as tf from '@tensorflow/tfjs-core';
import { MineError } from '../errors.js';

function hasGradients(): boolean {
  try {
    // Sum is the first gradient any loss needs; tfjs-core's Node build registers none.
    tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(x))(tf.scalar(1)));
    return true;
  } catch {
    return false;
  }
}

let ensured = false;

/**
 * Makes sure tfjs gradient functions are registered. tfjs-core's Node build registers none;
 * @tensorflow/tfjs-layers registers them all when it loads.
 */
export async function ensureGradients(): Promise<void> {
  if (ensured || hasGradients()) {
    ensured = true;
    return;
  }
  try {
    await import('@tensorflow/tfjs-layers');
  } catch (cause) {
    throw new MineError(
      'Training needs gradient functions: install @tensorflow/tfjs-layers@4.22.0 (it registers them).',
      { cause },
    );
  }
  if (!hasGradients()) throw new MineError('tfjs gradient functions could not be registered.');
  ensured = true;
}
