import * as tf from '@tensorflow/tfjs-core';
import { heapBackend, tensorFromHeap } from './heap.js';

// Training data is reshuffled and paired every step: on wasm these copies run on the heap
// (microseconds) instead of as Gather/Concat kernels (~0.1-0.3 ms each here).

/** Rows of a matrix in the order of `index` (a data copy: no gradient flows through it). */
export function gatherRows(t: tf.Tensor2D, index: Int32Array): tf.Tensor2D {
  const [rows, cols] = t.shape;
  for (const i of index) {
    if (!(i >= 0 && i < rows)) throw new RangeError(`row index ${i} is outside [0, ${rows})`);
  }
  const heap = heapBackend(t.dtype);
  if (!heap) return tf.tidy(() => tf.gather(t, tf.tensor1d(index, 'int32')) as tf.Tensor2D);
  const info = heap.makeOutput([index.length, cols], 'float32');
  const out = heap.typedArrayFromHeap(info);
  const src = heap.typedArrayFromHeap(t);
  for (let r = 0; r < index.length; r++) {
    out.set(src.subarray(index[r]! * cols, (index[r]! + 1) * cols), r * cols);
  }
  return tensorFromHeap<tf.Tensor2D>(info);
}

/** [a, b] side by side: [n, da] and [n, db] → [n, da + db] (a data copy, no gradient). */
export function concatColumns(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const [n, da] = a.shape;
  const [nb, db] = b.shape;
  if (n !== nb) throw new RangeError(`row counts differ: ${n} and ${nb}`);
  const heap = a.dtype === b.dtype ? heapBackend(a.dtype) : null;
  if (!heap) return tf.concat([a, b], 1);
  const info = heap.makeOutput([n, da + db], 'float32');
  const out = heap.typedArrayFromHeap(info);
  const left = heap.typedArrayFromHeap(a);
  const right = heap.typedArrayFromHeap(b);
  const width = da + db;
  for (let r = 0; r < n; r++) {
    out.set(left.subarray(r * da, (r + 1) * da), r * width);
    out.set(right.subarray(r * db, (r + 1) * db), r * width + da);
  }
  return tensorFromHeap<tf.Tensor2D>(info);
}
