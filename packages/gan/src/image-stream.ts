import { assertArgument, stepSeed } from '@mine/core';
import type { ImageSet } from '@mine/datasets';
import type * as tf from '@tensorflow/tfjs-core';

type BatchIterator = {
  next(): Promise<{ value: { xs: tf.Tensor; ys: tf.Tensor }; done: boolean }>;
};

/**
 * The real images of a GAN run as a stream of tfjs-data batches (`@mine/datasets/tfjs`'
 * `imageBatches`): epochs of the whole set in a seeded shuffled order (epoch e shuffled with
 * `stepSeed(seed, e)`), batches of exactly `batchSize` (the remainder dropped), pixels scaled to
 * [−1, 1] as the tanh generator's samples, layout [n, height, width, channels].
 *
 * Iteration k reads batch k mod B of epoch ⌊k / B⌋ (B batches per epoch), so a restored run
 * reads what the uninterrupted one would have: the stream seeks there by skipping batches.
 * Batches are made on demand (no prefetch), so a stream stopped mid-epoch holds no tensors.
 */
export class ImageStream {
  readonly batchesPerEpoch: number;
  private iterator: BatchIterator | null = null;
  /** The iteration whose batch the iterator returns next. */
  private position = -1;

  constructor(
    readonly set: ImageSet,
    readonly batchSize: number,
    readonly seed: number,
  ) {
    assertArgument(
      set.count >= batchSize,
      'images',
      () => `holds ${set.count} images, fewer than one batch of ${batchSize}`,
    );
    this.batchesPerEpoch = Math.floor(set.count / batchSize);
  }

  /** The real batch of iteration `step`, [batchSize, h, w, c] in [−1, 1]; the caller disposes it. */
  async batch(step: number): Promise<tf.Tensor4D> {
    const epoch = Math.floor(step / this.batchesPerEpoch);
    const within = step % this.batchesPerEpoch;
    if (this.iterator === null || this.position !== step || within === 0) {
      // Loaded when first needed: the toy path never pulls in tfjs-data.
      const { imageBatches } = await import('@mine/datasets/tfjs');
      const dataset = imageBatches(this.set, {
        batchSize: this.batchSize,
        seed: stepSeed(this.seed, epoch),
        range: [-1, 1],
        layout: 'image',
        dropRemainder: true,
        skipBatches: within,
        prefetch: 0,
      });
      this.iterator = (await dataset.iterator()) as unknown as BatchIterator;
    }
    const { value, done } = await this.iterator.next();
    assertArgument(!done, 'images', () => `ran out of batches at iteration ${step}`);
    value.ys.dispose();
    this.position = step + 1;
    return value.xs as tf.Tensor4D;
  }

  /** Drops the iterator (it holds no tensors). */
  dispose(): void {
    this.iterator = null;
  }
}
