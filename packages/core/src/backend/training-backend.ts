import * as tf from '@tensorflow/tfjs-core';
import { MineError } from '../errors.js';
import { ensureGradients } from './gradients.js';
import { registerWasmKernelFixes, wasmKernelFixesActive } from './wasm-kernels/index.js';

/** How to pick a backend, for error messages. */
export const PICK_A_BACKEND =
  "Pick one first: `await selectBackend('auto')` from '@mine/core/backend' (it loads an installed backend), or import a tfjs backend package yourself (e.g. '@tensorflow/tfjs-backend-wasm' or '@tensorflow/tfjs-backend-cpu') and `await tf.setBackend('wasm')`.";

/** Raised when training starts and no tfjs backend is active or registered. */
export class NoBackendError extends MineError {
  constructor(cause?: unknown) {
    super(`No TensorFlow.js backend is active. ${PICK_A_BACKEND}`, { cause });
    this.name = 'NoBackendError';
  }
}

/**
 * Gets the active backend ready for training and returns its name. It uses the backend already
 * active; when none is, tfjs's own choice among the registered ones (what any tfjs op would start);
 * it never loads a backend package itself. Registers the gradient functions, and on wasm makes sure
 * our kernel fixes are installed, also when the caller ran `tf.setBackend('wasm')` directly.
 */
export async function prepareTraining(): Promise<string> {
  if (!tf.engine().backendName) {
    if (tf.engine().backendNames().length === 0) throw new NoBackendError();
    try {
      await tf.ready();
    } catch (cause) {
      throw new NoBackendError(cause);
    }
  }
  await ensureGradients();
  checkWasmKernels();
  return tf.getBackend();
}

/**
 * On the wasm backend, installs our kernel fixes unless they are active (a no-op elsewhere). The
 * synchronous part of `prepareTraining`, for trainers that start without awaiting.
 */
export function checkWasmKernels(): void {
  if (tf.engine().backendName === 'wasm' && !wasmKernelFixesActive()) registerWasmKernelFixes();
}
