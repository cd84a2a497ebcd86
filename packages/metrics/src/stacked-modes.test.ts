import { describe, expect, it } from 'vitest';
import { stackedModes } from './stacked-modes.js';

/** Label triples for every mode `repeat` times. */
function allModes(repeat: number): number[] {
  const labels: number[] = [];
  for (let r = 0; r < repeat; r++) {
    for (let m = 0; m < 1000; m++)
      labels.push(Math.floor(m / 100), Math.floor(m / 10) % 10, m % 10);
  }
  return labels;
}

describe('stackedModes', () => {
  it('a perfect generator covers all 1,000 modes with KL 0', () => {
    const result = stackedModes(allModes(3));
    expect(result.modes).toBe(1000);
    expect(result.possibleModes).toBe(1000);
    expect(result.n).toBe(3000);
    expect(result.kl).toBeCloseTo(0, 12);
  });

  it('ten equally used modes give KL = log(1000 / 10)', () => {
    const labels: number[] = [];
    for (let i = 0; i < 500; i++) labels.push(i % 10, 3, 7);
    const result = stackedModes(labels);
    expect(result.modes).toBe(10);
    expect(result.kl).toBeCloseTo(Math.log(100), 12);
    // Mode (d, 3, 7) lies at index d·100 + 37.
    expect(result.counts[537]).toBe(50);
  });

  it('a collapsed generator scores log 1000, and unequal use costs KL = log M − H(p)', () => {
    expect(stackedModes([4, 4, 4, 4, 4, 4]).kl).toBeCloseTo(Math.log(1000), 12);
    // Two modes used 3:1.
    const result = stackedModes([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    const entropy = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
    expect(result.modes).toBe(2);
    expect(result.kl).toBeCloseTo(Math.log(1000) - entropy, 12);
  });

  it('a known histogram in shuffled order: every count, the modes seen, KL = Σ p log(1000 p)', () => {
    // Mode m < 300 gets (m mod 7) + 1 samples, the other 700 modes none: 300 modes seen.
    const triples: number[][] = [];
    for (let m = 0; m < 300; m++) {
      for (let r = 0; r <= m % 7; r++)
        triples.push([Math.floor(m / 100), Math.floor(m / 10) % 10, m % 10]);
    }
    // A fixed shuffle (the order of the samples must not matter).
    for (let i = triples.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [triples[i], triples[j]] = [triples[j]!, triples[i]!];
    }
    const result = stackedModes(triples.flat());
    const n = triples.length;
    expect(result.n).toBe(n);
    expect(result.modes).toBe(300);
    let kl = 0;
    for (let m = 0; m < 1000; m++) {
      const expected = m < 300 ? (m % 7) + 1 : 0;
      expect(result.counts[m]).toBe(expected);
      if (expected > 0) kl += (expected / n) * Math.log((1000 * expected) / n);
    }
    expect(result.kl).toBeCloseTo(kl, 12);
    expect(result.kl).toBeGreaterThan(Math.log(1000 / 300));
  });

  it('takes other channel and class counts', () => {
    const result = stackedModes([0, 1, 1, 0], { channels: 2, classes: 2 });
    expect(result.possibleModes).toBe(4);
    expect(result.modes).toBe(2);
    expect(result.kl).toBeCloseTo(Math.log(4) - Math.log(2), 12);
  });

  it('rejects labels out of range, ragged input and absurd sizes by name', () => {
    expect(() => stackedModes([0, 1])).toThrow(/labels.*3 labels per sample/);
    expect(() => stackedModes([])).toThrow(/labels/);
    expect(() => stackedModes([0, 1, 10])).toThrow(/entry 2 is 10/);
    expect(() => stackedModes([0, 1.5, 2])).toThrow(/entry 1 is 1.5/);
    expect(() => stackedModes([0, 1, 2], { classes: 1 })).toThrow(/classes/);
    expect(() => stackedModes([0, 1, 2], { channels: 5, classes: 100 })).toThrow(/channels.*1e7/);
  });
});
