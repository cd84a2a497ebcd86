import { assertArgument, assertPositiveInteger } from '@mine/core/base';

/**
 * Mean Euclidean distance ‖x − x̂‖₂ between images and their reconstructions, each image a
 * flat block of `size` values (Table 2 uses MNIST on the [−1, 1] scale, where two random test
 * images lie ~20.4 apart and same-class nearest neighbours ~9.3).
 */
export function reconstructionError(
  images: ArrayLike<number>,
  reconstructions: ArrayLike<number>,
  size: number,
): number {
  assertPositiveInteger(size, 'size');
  assertArgument(
    images.length > 0 && images.length % size === 0,
    'images',
    () => `must hold whole images of ${size} values, got ${images.length}`,
  );
  assertArgument(
    reconstructions.length === images.length,
    'reconstructions',
    () => `has ${reconstructions.length} values but images has ${images.length}`,
  );
  const n = images.length / size;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let squares = 0;
    for (let p = i * size; p < (i + 1) * size; p++) {
      const d = images[p]! - reconstructions[p]!;
      squares += d * d;
    }
    assertArgument(
      Number.isFinite(squares),
      'reconstructions',
      () => `image ${i} has non-finite values`,
    );
    total += Math.sqrt(squares);
  }
  return total / n;
}

/**
 * Reconstruction accuracy (Table 2): the share of images whose reconstruction a classifier puts
 * in the class it gives the image itself, from the two label arrays.
 */
export function reconstructionAccuracy(
  labels: ArrayLike<number>,
  reconstructionLabels: ArrayLike<number>,
): number {
  assertArgument(labels.length > 0, 'labels', () => 'is empty');
  assertArgument(
    reconstructionLabels.length === labels.length,
    'reconstructionLabels',
    () => `has ${reconstructionLabels.length} entries but labels has ${labels.length}`,
  );
  let same = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === reconstructionLabels[i]) same++;
  return same / labels.length;
}
