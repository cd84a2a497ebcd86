import { describe, expect, it } from 'vitest';
import { type ImageSet, imageSetFingerprint } from './image-set.js';

const set = (images: number[], labels: number[]): ImageSet => ({
  count: labels.length,
  height: 1,
  width: 2,
  channels: 1,
  images: Uint8Array.from(images),
  labels: Uint8Array.from(labels),
  classes: 10,
});

describe('imageSetFingerprint', () => {
  it('is stable, and changes with any pixel or label', () => {
    const base = imageSetFingerprint(set([1, 2, 3, 4], [0, 1]));
    expect(imageSetFingerprint(set([1, 2, 3, 4], [0, 1]))).toBe(base);
    expect(base).toMatch(/^2:[0-9a-f]{8}$/);
    expect(imageSetFingerprint(set([1, 2, 3, 5], [0, 1]))).not.toBe(base);
    expect(imageSetFingerprint(set([1, 2, 3, 4], [0, 2]))).not.toBe(base);
  });
});
