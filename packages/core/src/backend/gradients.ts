import * as tf from '@tensorflow/tfjs-core';
import { MineError } from '../errors.js';

function hasGradients(): boolean {
  try {
    // Sum is the first gradient any loss needs; tfjs-core alone registers none.
    tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(x))(tf.scalar(1)));
    return true;
  } catch {
    return false;
  }
}

let ensured = false;

/**
 * Makes sure tfjs gradient functions are registered, from tfjs-core itself: neither its Node build
 * nor its ES entry registers them (only @tensorflow/tfjs, tfjs-layers and tfjs-node do, on load).
 * They come from tfjs-core's own `register_all_gradients`, built into `#tfjs-gradients` so that
 * Node can load it too; no other package is needed. Harmless when they are already registered.
 */
export async function ensureGradients(): Promise<void> {
  if (ensured || hasGradients()) {
    ensured = true;
    return;
  }
  try {
    // A package-internal import (package.json "imports"): dist/tfjs-gradients.js, also from source.
    await import('#tfjs-gradients' as string);
  } catch (cause) {
    throw new MineError(
      'tfjs gradient functions could not be loaded from @mine/core (dist/tfjs-gradients.js); in a checkout, run `pnpm build` first.',
      { cause },
    );
  }
  if (!hasGradients()) throw new MineError('tfjs gradient functions could not be registered.');
  ensured = true;
}

/** Whether gradient functions are registered (cached once true). */
export function gradientsRegistered(): boolean {
  if (!ensured && hasGradients()) ensured = true;
  return ensured;
}
