import { describe, expect, it } from 'vitest';
import { reconstructionAccuracy, reconstructionError } from './reconstruction.js';

describe('reconstruction metrics', () => {
  it('error is the mean Euclidean distance per image', () => {
    // Image 0 is off by (3, 4): distance 5; image 1 is exact.
    const images = [0, 0, 1, 1];
    const recon = [3, 4, 1, 1];
    expect(reconstructionError(images, recon, 2)).toBeCloseTo(2.5, 12);
    expect(reconstructionError(images, images, 2)).toBe(0);
  });

  it('accuracy is the share of matching labels', () => {
    expect(reconstructionAccuracy([1, 2, 3, 4], [1, 2, 0, 4])).toBe(0.75);
  });

  it('rejects mismatched or partial input by name', () => {
    expect(() => reconstructionError([0, 0, 0], [0, 0, 0], 2)).toThrow(/images.*whole images/);
    expect(() => reconstructionError([0, 0], [0], 2)).toThrow(/reconstructions.*1 values/);
    expect(() => reconstructionError([0, 0], [0, Number.NaN], 2)).toThrow(/non-finite/);
    expect(() => reconstructionAccuracy([1], [1, 2])).toThrow(/reconstructionLabels/);
    expect(() => reconstructionAccuracy([], [])).toThrow(/labels.*empty/);
  });
});
