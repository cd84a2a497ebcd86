import { describe, expect, it } from 'vitest';
import { discordant, mcnemarExact } from './mcnemar.js';

describe('mcnemarExact', () => {
  it('matches the binomial tail', () => {
    // b = 1, c = 9: 2·(1 + 10)/1024.
    expect(mcnemarExact(1, 9)).toBeCloseTo(22 / 1024, 12);
    expect(mcnemarExact(9, 1)).toBeCloseTo(22 / 1024, 12);
    expect(mcnemarExact(5, 5)).toBe(1);
    expect(mcnemarExact(0, 0)).toBe(1);
    // Large n stays finite: 100 vs 160 discordant items is clearly significant.
    const p = mcnemarExact(100, 160);
    expect(p).toBeGreaterThan(1e-5);
    expect(p).toBeLessThan(1e-3);
  });

  it('counts discordant pairs', () => {
    expect(discordant([1, 0, 1, 0], [1, 1, 0, 0])).toEqual({ onlyA: 1, onlyB: 1 });
    expect(() => discordant([1], [1, 0])).toThrow(/differ in length/);
  });
});
