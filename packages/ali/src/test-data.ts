import { createRng } from '@mine/core';
import type { ImageSet } from '@mine/datasets';

/**
 * A small image set for tests: `size`×`size` one-channel images of `classes` classes, each a
 * bright square at its class's own place on a dark ground, plus pixel noise.
 */
export function squareImages(count: number, seed = 0, size = 12, classes = 4): ImageSet {
  const rng = createRng(seed);
  const side = Math.floor(size / 2);
  const images = new Uint8Array(count * size * size);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const c = rng.int(classes);
    labels[i] = c;
    const top = c < 2 ? 0 : size - side;
    const left = c % 2 === 0 ? 0 : size - side;
    for (let r = 0; r < size; r++) {
      for (let col = 0; col < size; col++) {
        const inside = r >= top && r < top + side && col >= left && col < left + side;
        const value = (inside ? 220 : 20) + 15 * rng.normal();
        images[i * size * size + r * size + col] = Math.max(0, Math.min(255, Math.round(value)));
      }
    }
  }
  return { count, height: size, width: size, channels: 1, images, labels, classes };
}
