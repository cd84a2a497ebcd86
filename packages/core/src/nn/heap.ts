import * as tf from '@tensorflow/tfjs-core';

/** The part of tfjs-backend-wasm's backend that reads and writes tensors on its heap. */
export interface HeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

/**
 * The active backend when it is wasm and `dtype` is float32, else null. On wasm a JavaScript loop
 * over a few thousand floats costs microseconds, where each kernel launch costs ~10 µs of
 * dispatch; callers with small or copy-only work use the heap and fall back to tfjs ops.
 */
export function heapBackend(dtype: tf.DataType): HeapBackend | null {
  return tf.getBackend() === 'wasm' && dtype === 'float32'
    ? (tf.backend() as unknown as HeapBackend)
    : null;
}

/** A tensor owning the data of `info` (an output made with `makeOutput`). */
export function tensorFromHeap<T extends tf.Tensor = tf.Tensor>(info: tf.TensorInfo): T {
  return tf.engine().makeTensorFromTensorInfo(info) as T;
}
