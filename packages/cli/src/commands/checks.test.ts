import { describe, expect, it } from 'vitest';
import { rowsForTraining } from './checks.js';

describe('rowsForTraining', () => {
  const train = (n: number, f: number) => n - Math.max(2, Math.round(n * f));

  it('is the fewest rows whose training split holds the batch (brute force up to 5,000)', () => {
    for (const f of [0.2, 0.1, 0.5]) {
      for (let batch = 2; batch <= 5000; batch++) {
        const n = rowsForTraining(batch, f);
        expect(train(n, f)).toBeGreaterThanOrEqual(batch);
        expect(train(n - 1, f)).toBeLessThan(batch);
      }
    }
  });

  it('answers at once for huge batches (counting up would never end)', () => {
    const started = performance.now();
    expect(rowsForTraining(1e12, 0.2)).toBe(1.25e12);
    expect(rowsForTraining(Number.MAX_SAFE_INTEGER, 0.2)).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
