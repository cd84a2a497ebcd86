import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { LeakyReluAttrs } from '../../nn/leaky-relu.js';
import type { WasmBackend } from './kernel-utils.js';

/**
 * The fused bias-add and LeakyReLU of core's `leakyRelu` (nn/leaky-relu.ts) on the wasm heap:
 * one pass over x instead of an Add and a LeakyRelu kernel. z = x + bias is rounded to float32
 * before the product, as the two tfjs kernels round it in between.
 */
export const leakyReluKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as WasmBackend;
  const x = inputs.x as TensorInfo;
  const bias = inputs.bias as TensorInfo | undefined;
  const { alpha } = attrs as unknown as LeakyReluAttrs;
  const y = wasm.makeOutput(x.shape, 'float32');
  // Views after the allocation: heap growth detaches older views.
  const xs = wasm.typedArrayFromHeap(x) as Float32Array;
  const ys = wasm.typedArrayFromHeap(y) as Float32Array;
  if (bias) biasLeakyRelu(xs, wasm.typedArrayFromHeap(bias) as Float32Array, alpha, ys);
  else plainLeakyRelu(xs, alpha, ys);
  return y;
};

/**
 * Its gradient from the output y (α ≥ 0: y > 0 exactly where z > 0): dx = y > 0 ? dy : α·dy,
 * as tfjs's Greater/Multiply/Select (α as a float32 scalar), and with a bias dBias = Σ dx over
 * every axis but the last, summed in float64 in row order as tfjs's Sum on cpu.
 */
export const leakyReluGradKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as WasmBackend;
  const y = inputs.y as TensorInfo;
  const { alpha, withBias } = attrs as unknown as LeakyReluAttrs;
  const channels = y.shape[y.shape.length - 1] ?? 1;
  const dx = wasm.makeOutput(y.shape, 'float32');
  const dBias = withBias ? wasm.makeOutput([channels], 'float32') : null;
  const ys = wasm.typedArrayFromHeap(y) as Float32Array;
  const dys = wasm.typedArrayFromHeap(inputs.dy as TensorInfo) as Float32Array;
  const dxs = wasm.typedArrayFromHeap(dx) as Float32Array;
  const slope = Math.fround(alpha);
  if (!dBias) {
    plainGradient(ys, dys, slope, dxs);
    return [dx];
  }
  const sums = new Float64Array(channels);
  biasGradient(ys, dys, slope, dxs, sums);
  (wasm.typedArrayFromHeap(dBias) as Float32Array).set(sums);
  return [dx, dBias];
};

// The loops below are monomorphic on Float32Array/Float64Array so V8 keeps each one tight. They
// pick the factor from a two-entry table indexed by the comparison instead of branching on the
// sign: activations' signs are random, and the mispredicted branch cost ~9 ns per entry against
// ~2.5 (CPU time here). The products are the same, so the results are the branches' bit for bit.

function plainLeakyRelu(x: Float32Array, alpha: number, y: Float32Array): void {
  const factor = new Float64Array([1, alpha]);
  for (let i = 0; i < x.length; i++) {
    const z = x[i]!;
    y[i] = z * factor[+(z < 0)]!;
  }
}

function biasLeakyRelu(x: Float32Array, bias: Float32Array, alpha: number, y: Float32Array): void {
  const factor = new Float64Array([1, alpha]);
  const channels = bias.length;
  for (let i = 0; i < x.length; ) {
    for (let c = 0; c < channels; c++, i++) {
      const z = Math.fround(x[i]! + bias[c]!);
      y[i] = z * factor[+(z < 0)]!;
    }
  }
}

function plainGradient(y: Float32Array, dy: Float32Array, slope: number, dx: Float32Array): void {
  const factor = new Float64Array([slope, 1]);
  for (let i = 0; i < y.length; i++) dx[i] = dy[i]! * factor[+(y[i]! > 0)]!;
}

function biasGradient(
  y: Float32Array,
  dy: Float32Array,
  slope: number,
  dx: Float32Array,
  sums: Float64Array,
): void {
  const factor = new Float64Array([slope, 1]);
  const channels = sums.length;
  for (let i = 0; i < y.length; ) {
    for (let c = 0; c < channels; c++, i++) {
      const g = Math.fround(dy[i]! * factor[+(y[i]! > 0)]!);
      dx[i] = g;
      sums[c] = sums[c]! + g;
    }
  }
}
