import { describe, expect, it } from 'vitest';
import { learningRateAt } from './classifier.js';

describe('learningRateAt', () => {
  it('holds 1e-3 for the first half of the epochs, then halves every epoch', () => {
    expect(Array.from({ length: 6 }, (_, e) => learningRateAt(e, 6))).toEqual([
      1e-3, 1e-3, 1e-3, 5e-4, 2.5e-4, 1.25e-4,
    ]);
    expect(learningRateAt(0, 1)).toBe(1e-3);
    expect(Array.from({ length: 3 }, (_, e) => learningRateAt(e, 3))).toEqual([1e-3, 1e-3, 5e-4]);
  });
});
