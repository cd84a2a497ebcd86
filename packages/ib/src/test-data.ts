import { createRng } from '@mine/core';
import type { ImageSet } from '@mine/datasets';

/**
 * A small learnable image set for tests: 4x4 one-channel images of `classes` classes, each class a
 * fixed random template plus pixel noise, so a classifier can learn it in a few dozen steps.
 */
export function templateImages(count: number, seed = 0, classes = 4): ImageSet {
  const rng = createRng(seed);
  // Each class's template from its own stream, the same for every seed.
  const templates = Array.from({ length: classes }, (_, c) => {
    const r = createRng(1000 + c);
    return Array.from({ length: 16 }, () => (r.next() > 0.5 ? 200 : 30));
  });
  const images = new Uint8Array(count * 16);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const c = rng.int(classes);
    labels[i] = c;
    for (let p = 0; p < 16; p++) {
      images[i * 16 + p] = Math.max(
        0,
        Math.min(255, Math.round(templates[c]![p]! + 40 * rng.normal())),
      );
    }
  }
  return { count, height: 4, width: 4, channels: 1, images, labels, classes };
}
