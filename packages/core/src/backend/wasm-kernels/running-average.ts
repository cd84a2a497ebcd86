import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { RunningAverageAttrs } from '../../nn/running-average.js';
import type { WasmBackend } from './kernel-utils.js';

/**
 * Core's `runningAverage` on the wasm heap: one pass instead of Multiply, Multiply, Add. Each
 * step rounds to float32 as those kernels do (products of two float32 values are exact in
 * float64), so the result is theirs bit for bit.
 */
export const runningAverageKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as WasmBackend;
  const average = inputs.average as TensorInfo;
  const { momentum } = attrs as unknown as RunningAverageAttrs;
  const out = wasm.makeOutput(average.shape, 'float32');
  blend(
    wasm.typedArrayFromHeap(average) as Float32Array,
    wasm.typedArrayFromHeap(inputs.value as TensorInfo) as Float32Array,
    Math.fround(momentum),
    Math.fround(1 - momentum),
    wasm.typedArrayFromHeap(out) as Float32Array,
  );
  return out;
};

function blend(a: Float32Array, v: Float32Array, keep: number, take: number, out: Float32Array) {
  for (let i = 0; i < a.length; i++) {
    out[i] = Math.fround(a[i]! * keep) + Math.fround(v[i]! * take);
  }
}
