import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { MineError } from '../../errors.js';

export type WasmBackend = BackendWasm;

const WASM = 'wasm';

// Kernel functions we installed, so a second registration can tell them from tfjs's own.
const ours = new WeakSet<tf.KernelFunc>();

/**
 * Replaces wasm's `kernelName` kernel by `wrap(original)`. Does nothing when the kernel is absent
 * or already ours. The original config's setupFunc is kept: a fresh wasm backend instance still
 * wires up the wasm functions that the original kernel calls.
 */
export function overrideKernel(
  kernelName: string,
  wrap: (original: tf.KernelFunc) => tf.KernelFunc,
): void {
  const current = tf.getKernel(kernelName, WASM);
  if (!current || ours.has(current.kernelFunc)) return;
  const kernelFunc = wrap(current.kernelFunc);
  ours.add(kernelFunc);
  tf.unregisterKernel(kernelName, WASM);
  tf.registerKernel({ ...current, kernelFunc });
}

/** Registers `kernelFunc` for `kernelName` on wasm unless a kernel is already there. */
export function provideKernel(kernelName: string, kernelFunc: tf.KernelFunc): void {
  if (tf.getKernel(kernelName, WASM)) return;
  ours.add(kernelFunc);
  tf.registerKernel({ kernelName, backendName: WASM, kernelFunc });
}

/** Whether `kernelName` on wasm currently runs one of our kernel functions. */
export function isOurKernel(kernelName: string): boolean {
  const config = tf.getKernel(kernelName, WASM);
  return config !== undefined && ours.has(config.kernelFunc);
}

/**
 * Runs the wasm kernel registered as `kernelName`, the way tfjs's own kernels call each other: the
 * result is a bare TensorInfo that the caller returns or frees with `free`.
 */
export function runKernel(
  kernelName: string,
  backend: WasmBackend,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap = {},
): tf.TensorInfo {
  const config = tf.getKernel(kernelName, WASM);
  if (!config) throw new MineError(`The wasm backend has no ${kernelName} kernel.`);
  return config.kernelFunc({ inputs, backend, attrs }) as tf.TensorInfo;
}

/** Frees kernel intermediates (drops this kernel's reference to their data). */
export function free(backend: WasmBackend, ...infos: tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** Permutes x's axes with the Transpose kernel registered on wasm. */
export function transpose(
  backend: WasmBackend,
  x: tf.TensorInfo,
  perm: readonly number[],
): tf.TensorInfo {
  return runKernel('Transpose', backend, { x }, { perm: [...perm] });
}
