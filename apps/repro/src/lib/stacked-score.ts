/**
 * Table 1's scoring of Stacked-MNIST samples (Sec. 5.1, 8.1.3, after VEEGAN and PacGAN): the
 * shared digit classifier labels each of the three channels of a sample, the triple of labels is
 * its mode, and @mine/metrics' `stackedModes` counts the modes seen and the KL divergence of their
 * histogram to the uniform distribution over all 1,000.
 */
import { type StackedModes, stackedModes } from '@mine/metrics';
import { predictClasses } from '@mine/nets/classifier';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** Samples classified per pass (bounds the memory of a 26,000-sample evaluation). */
const CHUNK = 1000;

/**
 * The digit of every channel of n images, sample-major [s0c0, s0c1, s0c2, s1c0, …]. `pixels` are
 * row-major [n, 28, 28, channels] values in `range` (the GAN's [−1, 1]); each channel is rescaled
 * to the classifier's [0, 1] and classified on its own.
 */
export async function channelDigits(
  model: tfl.LayersModel,
  pixels: Float32Array,
  n: number,
  channels = 3,
  range: readonly [number, number] = [-1, 1],
): Promise<Int32Array> {
  const size = 28 * 28 * channels;
  if (pixels.length !== n * size) {
    throw new Error(
      `channelDigits: expected ${n * size} values for ${n} images, got ${pixels.length}`,
    );
  }
  const [low, high] = range;
  const labels = new Int32Array(n * channels);
  for (let from = 0; from < n; from += CHUNK) {
    const rows = Math.min(CHUNK, n - from);
    const batch = tf.tensor4d(pixels.subarray(from * size, (from + rows) * size), [
      rows,
      28,
      28,
      channels,
    ]);
    try {
      for (let c = 0; c < channels; c++) {
        const digits = tf.tidy(() =>
          tf.clipByValue(
            tf.div(tf.sub(tf.slice(batch, [0, 0, 0, c], [rows, 28, 28, 1]), low), high - low),
            0,
            1,
          ),
        ) as tf.Tensor4D;
        const predicted = await predictClasses(model, digits);
        digits.dispose();
        for (let i = 0; i < rows; i++) labels[(from + i) * channels + c] = predicted[i]!;
      }
    } finally {
      batch.dispose();
    }
  }
  return labels;
}

/** Modes and KL (Table 1) of n Stacked-MNIST images (see `channelDigits`). */
export async function scoreStacked(
  model: tfl.LayersModel,
  pixels: Float32Array,
  n: number,
  range: readonly [number, number] = [-1, 1],
): Promise<StackedModes> {
  return stackedModes(await channelDigits(model, pixels, n, 3, range));
}
