import { expect, it } from 'vitest';
import { toCsv } from './csv.js';
import { logspace, mean, sd, withinTolerance } from './stats.js';

it('mean and sd ignore non-finite values', () => {
  expect(mean([1, 2, 3, Number.NaN])).toBe(2);
  expect(sd([1, 2, 3])).toBeCloseTo(1, 12);
  expect(sd([5])).toBe(0);
  expect(mean([])).toBeNaN();
});

it('logspace spans the ends on a log scale', () => {
  const grid = logspace(0.01, 1, 3);
  expect(grid[0]).toBeCloseTo(0.01, 12);
  expect(grid[1]).toBeCloseTo(0.1, 12);
  expect(grid[2]).toBeCloseTo(1, 12);
});

it('withinTolerance is max(0.1 nats, 10%)', () => {
  expect(withinTolerance(0.19, 0.1)).toBe(true);
  expect(withinTolerance(0.21, 0.1)).toBe(false);
  expect(withinTolerance(9.1, 10)).toBe(true);
  expect(withinTolerance(8.9, 10)).toBe(false);
});

it('toCsv quotes when needed and leaves missing values empty', () => {
  expect(toCsv(['a', 'b'], [{ a: 'x,y', b: Number.NaN }, { a: 1 }])).toBe('a,b\n"x,y",\n1,\n');
});
