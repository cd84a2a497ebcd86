import { describe, expect, it } from 'vitest';
import type { ImageSet } from './image-set.js';
import { stackedMnist } from './stacked-mnist.js';

// Ten 2x2 "digits": image d is filled with the value 10·d + pixel index, labelled d.
const digits: ImageSet = {
  count: 10,
  height: 2,
  width: 2,
  channels: 1,
  images: Uint8Array.from({ length: 40 }, (_, i) => 10 * Math.floor(i / 4) + (i % 4)),
  labels: Uint8Array.from({ length: 10 }, (_, d) => d),
  classes: 10,
};

describe('stackedMnist', () => {
  it('stacks three seeded digits as RGB channels with mode 100r + 10g + b', () => {
    const s = stackedMnist(digits, { count: 2000, seed: 3 });
    expect(s).toMatchObject({ count: 2000, channels: 3, classes: 1000 });
    for (let i = 0; i < 50; i++) {
      const [r, g, b] = Array.from(s.digits.subarray(3 * i, 3 * i + 3));
      expect(s.labels[i]).toBe(100 * r! + 10 * g! + b!);
      for (let p = 0; p < 4; p++) {
        expect(s.images[i * 12 + 3 * p]).toBe(10 * r! + p);
        expect(s.images[i * 12 + 3 * p + 2]).toBe(10 * b! + p);
      }
    }
    // Independent uniform channels: about 2000 · (1 − e^{-2}) distinct modes of 1000.
    const modes = new Set(s.labels).size;
    expect(modes).toBeGreaterThan(820);
    expect(modes).toBeLessThan(900);
    expect(stackedMnist(digits, { count: 5, seed: 3 }).labels).toEqual(s.labels.subarray(0, 5));
    expect(stackedMnist(digits, { count: 5, seed: 4 }).labels).not.toEqual(s.labels.subarray(0, 5));
  });

  it('rejects a set that is not one-channel digits', () => {
    expect(() => stackedMnist({ ...digits, channels: 3 })).toThrow(/"mnist"/);
    expect(() => stackedMnist(digits, { count: 0 })).toThrow(/"count"/);
  });
});
