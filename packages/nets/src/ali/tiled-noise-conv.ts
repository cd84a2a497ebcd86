import * as tf from '@tensorflow/tfjs-core';
import { sameOutputSize } from '../dcgan/conv.js';

/**
 * conv2d(tile(ε), K, stride, 'same') for noise ε [n, d] tiled over a size×size image as d
 * constant channels, without building the tiled input: every output position sums K's taps
 * over the input pixels it covers, so the result is V · (ε K) with V [positions, taps] the 0/1
 * mask of taps that fall inside the image (the rest read the zero padding). Exact up to float
 * rounding, and for Table 7's encoder (d = 128 channels of 28×28) ~100× fewer operations than
 * the convolution it replaces.
 *
 * Returns a function of (ε [n, d], K [k, k, d, m]) → [n, out, out, m].
 */
export function tiledNoiseConv(
  size: number,
  kernelSize: number,
  stride: number,
): (noise: tf.Tensor2D, kernel: tf.Tensor4D) => tf.Tensor4D {
  const out = sameOutputSize(size, stride);
  // tfjs's 'same' padding: total max((out − 1)·stride + k − size, 0), the smaller half first.
  const before = Math.floor(Math.max((out - 1) * stride + kernelSize - size, 0) / 2);
  const taps = kernelSize * kernelSize;
  const mask = new Float32Array(out * out * taps);
  const inside = (o: number, t: number) => {
    const p = o * stride + t - before;
    return p >= 0 && p < size;
  };
  for (let i = 0; i < out; i++) {
    for (let j = 0; j < out; j++) {
      for (let r = 0; r < kernelSize; r++) {
        for (let c = 0; c < kernelSize; c++) {
          if (inside(i, r) && inside(j, c)) mask[(i * out + j) * taps + r * kernelSize + c] = 1;
        }
      }
    }
  }
  return (noise, kernel) =>
    tf.tidy(() => {
      const [n, d] = noise.shape;
      const m = kernel.shape[3];
      const v = tf.tensor2d(mask, [out * out, taps]);
      // ε K per tap: [n, d] · [d, taps·m] → [taps, n·m].
      const perTap = tf.matMul(
        noise,
        tf.reshape(tf.transpose(kernel, [2, 0, 1, 3]), [d, taps * m]) as tf.Tensor2D,
      );
      const byTap = tf.reshape(tf.transpose(tf.reshape(perTap, [n, taps, m]), [1, 0, 2]), [
        taps,
        n * m,
      ]) as tf.Tensor2D;
      const summed = tf.reshape(tf.matMul(v, byTap), [out * out, n, m]);
      return tf.reshape(tf.transpose(summed, [1, 0, 2]), [n, out, out, m]) as tf.Tensor4D;
    });
}
