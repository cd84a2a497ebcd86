import { assertArgument } from '@mine/core/base';
import * as tf from '@tensorflow/tfjs-core';
import * as tfd from '@tensorflow/tfjs-data';
import { gatherPixels, type ImageSet, imageSize } from '../images/image-set.js';

/** One batch: pixels [n, height·width·channels] (or [n, h, w, c]) and one-hot labels [n, classes]. */
export interface ImageBatch extends tf.TensorContainerObject {
  xs: tf.Tensor;
  ys: tf.Tensor2D;
}

export interface ImageBatchesOptions {
  batchSize: number;
  /**
   * Shuffle the images with this seed (each seed one order). Use a new seed per epoch (e.g.
   * `seed + epoch`) for a new order; null keeps the file order. @default 0
   */
  seed?: number | null;
  /** Pixel range: 0 maps to the first value, 255 to the second. @default [0, 1] */
  range?: readonly [number, number];
  /** 'flat': xs is [n, h·w·c]; 'image': [n, h, w, c]. @default 'flat' */
  layout?: 'flat' | 'image';
  /** Drop the last batch when it is smaller than `batchSize`. @default false */
  dropRemainder?: boolean;
  /** Skip this many batches first (to resume inside an epoch). @default 0 */
  skipBatches?: number;
  /**
   * Batches prepared ahead. 0: none, each batch is made when asked for, so an iterator left
   * unfinished holds no tensors (a consumer that may stop mid-pass and must not leak). @default 2
   */
  prefetch?: number;
}

/**
 * One pass over `set` as a tfjs-data dataset of `ImageBatch`es: the image indices are shuffled
 * (`Dataset.shuffle` over the whole set, seeded), batched, turned into pixel and one-hot tensors
 * in `map` (so only the indices travel through the pipeline), and prefetched. Each batch's
 * tensors belong to the consumer, who disposes them.
 */
export function imageBatches(set: ImageSet, options: ImageBatchesOptions): tfd.Dataset<ImageBatch> {
  const {
    batchSize,
    seed = 0,
    range = [0, 1],
    layout = 'flat',
    dropRemainder = false,
    skipBatches = 0,
    prefetch = 2,
  } = options;
  assertArgument(
    Number.isInteger(batchSize) && batchSize >= 1,
    'batchSize',
    () => `must be a positive integer, got ${batchSize}`,
  );
  assertArgument(
    seed === null || Number.isInteger(seed),
    'seed',
    () => `must be an integer or null, got ${seed}`,
  );
  assertArgument(
    Number.isInteger(skipBatches) && skipBatches >= 0,
    'skipBatches',
    () => `must be a non-negative integer, got ${skipBatches}`,
  );
  assertArgument(
    Number.isInteger(prefetch) && prefetch >= 0,
    'prefetch',
    () => `must be a non-negative integer, got ${prefetch}`,
  );
  assertArgument(
    layout === 'flat' || layout === 'image',
    'layout',
    () => `must be "flat" or "image", got "${layout}"`,
  );
  const size = imageSize(set);
  const shape = layout === 'flat' ? [size] : [set.height, set.width, set.channels];
  let indices = tfd.array(Array.from({ length: set.count }, (_, i) => i));
  // tfjs-data seeds its shuffle with a string (seedrandom); one full-size buffer is a uniform shuffle.
  if (seed !== null) indices = indices.shuffle(set.count, `mine:${seed}`, false);
  let batches = indices.batch(batchSize, !dropRemainder);
  if (skipBatches > 0) batches = batches.skip(skipBatches);
  const tensors = batches.map((batch) => {
    const rows = (batch as tf.Tensor1D).dataSync();
    const n = rows.length;
    const pixels = gatherPixels(set, rows, range);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) labels[i] = set.labels[rows[i]!]!;
    return {
      xs: tf.tensor(pixels, [n, ...shape]),
      ys: tf.tidy(() =>
        tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), set.classes), 'float32'),
      ) as tf.Tensor2D,
    } satisfies ImageBatch;
  });
  return prefetch > 0 ? tensors.prefetch(prefetch) : tensors;
}

/** Batches per pass over `count` images. */
export function batchesPerEpoch(count: number, batchSize: number, dropRemainder = false): number {
  return dropRemainder ? Math.floor(count / batchSize) : Math.ceil(count / batchSize);
}
