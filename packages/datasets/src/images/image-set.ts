import { assertArgument } from '@mine/core/base';
import { type IdxArray, IdxFormatError } from './idx.js';

/**
 * Labelled images as bytes: `images` holds `count` images of height x width x channels values in
 * 0..255, row-major, channels last (the tfjs layout); `labels` one class index per image.
 */
export interface ImageSet {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly images: Uint8Array;
  /** Class indices (16-bit when there are more than 256 classes, e.g. Stacked MNIST's 1000). */
  readonly labels: Uint8Array | Uint16Array;
  /** Number of classes the labels index. */
  readonly classes: number;
}

/** Pixels per image (height · width · channels). */
export function imageSize(set: Pick<ImageSet, 'height' | 'width' | 'channels'>): number {
  return set.height * set.width * set.channels;
}

/**
 * Pairs an IDX image file ([n, h, w]) with an IDX label file ([n]); the names go into errors.
 * Labels must be below `classes`.
 */
export function imageSetFromIdx(
  images: IdxArray,
  labels: IdxArray,
  names: { images: string; labels: string },
  classes = 10,
): ImageSet {
  if (images.shape.length !== 3) {
    throw new IdxFormatError(
      names.images,
      `expected images [n, height, width], got [${images.shape}]`,
    );
  }
  if (labels.shape.length !== 1) {
    throw new IdxFormatError(names.labels, `expected labels [n], got [${labels.shape}]`);
  }
  const [count, height, width] = images.shape as [number, number, number];
  if (labels.shape[0] !== count) {
    throw new IdxFormatError(
      names.labels,
      `${labels.shape[0]} labels for the ${count} images of ${names.images}`,
    );
  }
  for (let i = 0; i < count; i++) {
    if (labels.data[i]! >= classes) {
      throw new IdxFormatError(
        names.labels,
        `label ${labels.data[i]} at ${i} is not below ${classes}`,
      );
    }
  }
  return { count, height, width, channels: 1, images: images.data, labels: labels.data, classes };
}

/** The first `count` images of a set (views, no copy). */
export function takeImages(set: ImageSet, count: number): ImageSet {
  assertArgument(
    Number.isInteger(count) && count >= 1 && count <= set.count,
    'count',
    () => `must be an integer in [1, ${set.count}], got ${count}`,
  );
  const size = imageSize(set);
  return {
    ...set,
    count,
    images: set.images.subarray(0, count * size),
    labels: set.labels.subarray(0, count),
  };
}

/**
 * Images `indices` of `set` as floats scaled to [low, high] (pixel 0 -> low, 255 -> high),
 * row-major [indices.length, height · width · channels]; `out` is reused when given.
 */
export function gatherPixels(
  set: ImageSet,
  indices: ArrayLike<number>,
  range: readonly [number, number] = [0, 1],
  out?: Float32Array,
): Float32Array {
  const size = imageSize(set);
  const n = indices.length;
  const values = out ?? new Float32Array(n * size);
  assertArgument(
    values.length === n * size,
    'out',
    () => `must hold ${n * size} values, got ${values.length}`,
  );
  const [low, high] = range;
  const scale = (high - low) / 255;
  for (let i = 0; i < n; i++) {
    const r = indices[i]!;
    assertArgument(
      Number.isInteger(r) && r >= 0 && r < set.count,
      'indices',
      () => `index ${r} is outside [0, ${set.count})`,
    );
    const from = r * size;
    const to = i * size;
    for (let j = 0; j < size; j++) values[to + j] = low + scale * set.images[from + j]!;
  }
  return values;
}

/**
 * FNV-1a over the images and labels, with the count: a cheap check that a resumed training run
 * uses the same data.
 */
export function imageSetFingerprint(set: ImageSet): string {
  let h = 0x811c9dc5;
  const mix = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  };
  mix(set.images);
  mix(new Uint8Array(set.labels.buffer, set.labels.byteOffset, set.labels.byteLength));
  return `${set.count}:${(h >>> 0).toString(16).padStart(8, '0')}`;
}
