import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { BatchNormTrainingAttrs } from '../../nn/batch-norm.js';
import type { WasmBackend } from './kernel-utils.js';

/**
 * The fused training-mode batch norm of `batchNormTraining` (core nn/batch-norm.ts) on the wasm
 * heap. As tfjs ops, one batch norm of a conv layer is ~15 kernels forward (moments, broadcast
 * arithmetic) and ~25 backward, most of them over the whole feature map and several through
 * wasm's slow broadcasting path; here it is three passes over x forward and two backward, with
 * float64 per-channel sums. Channels are the last axis; statistics run over all other axes.
 */
export const batchNormTraining: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as WasmBackend;
  const x = inputs.x as TensorInfo;
  const { epsilon } = attrs as unknown as BatchNormTrainingAttrs;
  const channels = x.shape[x.shape.length - 1]!;
  const y = wasm.makeOutput(x.shape, 'float32');
  const mean = wasm.makeOutput([channels], 'float32');
  const variance = wasm.makeOutput([channels], 'float32');
  // Views after every allocation: heap growth detaches older views.
  const xs = wasm.typedArrayFromHeap(x) as Float32Array;
  const gamma = wasm.typedArrayFromHeap(inputs.gamma as TensorInfo) as Float32Array;
  const beta = wasm.typedArrayFromHeap(inputs.beta as TensorInfo) as Float32Array;
  const m = new Float64Array(channels);
  const v = new Float64Array(channels);
  channelMoments(xs, channels, m, v);
  const scale = new Float64Array(channels);
  for (let c = 0; c < channels; c++) scale[c] = gamma[c]! / Math.sqrt(v[c]! + epsilon);
  normalise(xs, m, scale, beta, wasm.typedArrayFromHeap(y) as Float32Array);
  (wasm.typedArrayFromHeap(mean) as Float32Array).set(m);
  (wasm.typedArrayFromHeap(variance) as Float32Array).set(v);
  return [y, mean, variance];
};

/**
 * Its gradient. With d = x − mean, s = 1/√(variance + ε) and n rows per channel:
 *
 *   dβ = Σ dy,  dγ = s · Σ dy·d,
 *   dx = γs · dy − γs³ · d · Σ dy·d / n − γs · Σ dy / n  +  dMean / n + 2 · dVariance · d / n
 *
 * (the last two terms carry gradients that reach the returned mean and variance).
 */
export const batchNormTrainingGrad: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as WasmBackend;
  const x = inputs.x as TensorInfo;
  const { epsilon } = attrs as unknown as BatchNormTrainingAttrs;
  const channels = x.shape[x.shape.length - 1]!;
  const dx = wasm.makeOutput(x.shape, 'float32');
  const dGamma = wasm.makeOutput([channels], 'float32');
  const dBeta = wasm.makeOutput([channels], 'float32');
  const xs = wasm.typedArrayFromHeap(x) as Float32Array;
  const dy = wasm.typedArrayFromHeap(inputs.dy as TensorInfo) as Float32Array;
  const gamma = wasm.typedArrayFromHeap(inputs.gamma as TensorInfo) as Float32Array;
  const mean = wasm.typedArrayFromHeap(inputs.mean as TensorInfo) as Float32Array;
  const variance = wasm.typedArrayFromHeap(inputs.variance as TensorInfo) as Float32Array;
  const dMean = wasm.typedArrayFromHeap(inputs.dMean as TensorInfo) as Float32Array;
  const dVariance = wasm.typedArrayFromHeap(inputs.dVariance as TensorInfo) as Float32Array;
  const rows = xs.length / channels;
  const sumDy = new Float64Array(channels);
  const sumDyD = new Float64Array(channels);
  gradientSums(xs, dy, mean, channels, sumDy, sumDyD);
  // dx = a·dy + b·d + k per channel.
  const a = new Float64Array(channels);
  const b = new Float64Array(channels);
  const k = new Float64Array(channels);
  const gammaOut = wasm.typedArrayFromHeap(dGamma) as Float32Array;
  const betaOut = wasm.typedArrayFromHeap(dBeta) as Float32Array;
  for (let c = 0; c < channels; c++) {
    const s = 1 / Math.sqrt(variance[c]! + epsilon);
    const gs = gamma[c]! * s;
    a[c] = gs;
    b[c] = (-gs * s * s * sumDyD[c]! + 2 * dVariance[c]!) / rows;
    k[c] = (-gs * sumDy[c]! + dMean[c]!) / rows;
    gammaOut[c] = s * sumDyD[c]!;
    betaOut[c] = sumDy[c]!;
  }
  inputGradient(xs, dy, mean, a, b, k, wasm.typedArrayFromHeap(dx) as Float32Array);
  return [dx, dGamma, dBeta];
};

// The loops below are monomorphic on Float32Array/Float64Array so V8 keeps each one tight.

/** Per-channel mean and biased variance (two passes: no cancellation). */
function channelMoments(x: Float32Array, channels: number, mean: Float64Array, v: Float64Array) {
  const rows = x.length / channels;
  for (let i = 0; i < x.length; ) {
    for (let c = 0; c < channels; c++, i++) mean[c] = mean[c]! + x[i]!;
  }
  for (let c = 0; c < channels; c++) mean[c] = mean[c]! / rows;
  for (let i = 0; i < x.length; ) {
    for (let c = 0; c < channels; c++, i++) {
      const d = x[i]! - mean[c]!;
      v[c] = v[c]! + d * d;
    }
  }
  for (let c = 0; c < channels; c++) v[c] = v[c]! / rows;
}

function normalise(
  x: Float32Array,
  mean: Float64Array,
  scale: Float64Array,
  beta: Float32Array,
  y: Float32Array,
) {
  const channels = mean.length;
  for (let i = 0; i < x.length; ) {
    for (let c = 0; c < channels; c++, i++) y[i] = (x[i]! - mean[c]!) * scale[c]! + beta[c]!;
  }
}

function gradientSums(
  x: Float32Array,
  dy: Float32Array,
  mean: Float32Array,
  channels: number,
  sumDy: Float64Array,
  sumDyD: Float64Array,
) {
  for (let i = 0; i < x.length; ) {
    for (let c = 0; c < channels; c++, i++) {
      const g = dy[i]!;
      sumDy[c] = sumDy[c]! + g;
      sumDyD[c] = sumDyD[c]! + g * (x[i]! - mean[c]!);
    }
  }
}

function inputGradient(
  x: Float32Array,
  dy: Float32Array,
  mean: Float32Array,
  a: Float64Array,
  b: Float64Array,
  k: Float64Array,
  dx: Float32Array,
) {
  const channels = a.length;
  for (let i = 0; i < x.length; ) {
    for (let c = 0; c < channels; c++, i++) {
      dx[i] = a[c]! * dy[i]! + b[c]! * (x[i]! - mean[c]!) + k[c]!;
    }
  }
}
