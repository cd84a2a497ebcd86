import {
  type KernelFunc,
  type TensorInfo,
  type UnsortedSegmentSumAttrs,
  util,
} from '@tensorflow/tfjs-core';
import type { WasmBackend } from './kernel-utils.js';

/**
 * UnsortedSegmentSum, which tfjs-backend-wasm 4.22.0 lacks; tf.gather's gradient needs it.
 * Row i of x (x reshaped to [segmentIds.size, inner]) is added to output row segmentIds[i]; ids
 * outside [0, numSegments) are dropped, as on the cpu backend. A plain loop over the wasm heap:
 * one pass over x, no intermediate tensors.
 */
export const unsortedSegmentSum: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as WasmBackend;
  const x = inputs.x as TensorInfo;
  const segmentIds = inputs.segmentIds as TensorInfo;
  const { numSegments } = attrs as unknown as UnsortedSegmentSumAttrs;
  const innerShape = x.shape.slice(segmentIds.shape.length);
  const inner = util.sizeFromShape(innerShape);
  const out = wasm.makeOutput([numSegments, ...innerShape], x.dtype);
  // Views are taken after makeOutput: an allocation may grow the heap and detach older views.
  const values = wasm.typedArrayFromHeap(x);
  const ids = wasm.typedArrayFromHeap(segmentIds);
  const sums = wasm.typedArrayFromHeap(out);
  sums.fill(0);
  for (let i = 0; i < ids.length; i++) {
    const segment = ids[i]!;
    if (!(segment >= 0 && segment < numSegments)) continue;
    const from = i * inner;
    const to = segment * inner;
    for (let j = 0; j < inner; j++) sums[to + j] = sums[to + j]! + values[from + j]!;
  }
  return out;
};
