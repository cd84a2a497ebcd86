import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { tiledNoiseConv } from './tiled-noise-conv.js';

describe('tiledNoiseConv', () => {
  it('equals the convolution of the tiled noise, borders included', () => {
    for (const [size, k, stride] of [
      [28, 5, 2],
      [12, 5, 2],
      [7, 3, 1],
    ] as const) {
      const noise = tf.randomNormal([3, 4], 0, 1, 'float32', size) as tf.Tensor2D;
      const kernel = tf.randomNormal([k, k, 4, 5], 0, 1, 'float32', k) as tf.Tensor4D;
      const tiled = tf.tile(tf.reshape(noise, [3, 1, 1, 4]), [1, size, size, 1]) as tf.Tensor4D;
      const expected = tf.conv2d(tiled, kernel, stride, 'same');
      const got = tiledNoiseConv(size, k, stride)(noise, kernel);
      expect(got.shape).toEqual(expected.shape);
      const gap = tf.max(tf.abs(tf.sub(got, expected))).dataSync()[0]!;
      expect(gap).toBeLessThan(1e-4);
      tf.dispose([noise, kernel, tiled, expected, got]);
    }
  });
});
