import { describe, expect, it } from 'vitest';
import { diagnose, heldOutCeiling } from './diagnostics.js';
import type { CurvePoint } from './options.js';
import { resolveSettings } from './settings.js';
import { stillRising, type TrainingRecord } from './training.js';

const curveOf = (values: number[]): CurvePoint[] =>
  values.map((heldOut, i) => ({ step: 100 * (i + 1), train: heldOut, heldOut }));

const record = (values: number[], steps: number): TrainingRecord => ({
  evaluations: [],
  curve: curveOf(values),
  steps,
  nonFinite: 0,
  warnings: [],
});

describe('stillRising', () => {
  it('is the rise of the last window over the one before, when above noise', () => {
    expect(stillRising(curveOf([1, 1, 1, 1.5, 1.5, 1.5]), 3)).toBeCloseTo(0.5, 12);
    // 0.04 nats is noise (below 0.05), and so is 1.5% of 5 nats (below 2%).
    expect(stillRising(curveOf([1, 1, 1, 1.04, 1.04, 1.04]), 3)).toBeUndefined();
    expect(stillRising(curveOf([5, 5, 5, 5.075, 5.075, 5.075]), 3)).toBeUndefined();
    expect(stillRising(curveOf([1, 2]), 3)).toBeUndefined();
    expect(stillRising(curveOf([2, 2, 2, 1, 1, 1]), 3)).toBeUndefined();
  });
});

describe('diagnose', () => {
  const s = resolveSettings({ steps: 600, averageLast: 3 });
  const shape = { batchSize: 256, nHeld: 2000 };

  it('near log(held-out rows): warns and raises the upper end to the ceiling', () => {
    const ceiling = heldOutCeiling(2000);
    expect(ceiling).toBeCloseTo(Math.log(2000), 12);
    const flat = [7, 7, 7, 7, 7, 7];
    const r = diagnose(7, [6.8, 7.2], record(flat, 600), s, shape);
    expect(r.warnings.join(' ')).toMatch(/within 1 nat of log\(held-out rows\) = 7\.601/);
    expect(r.ci).toEqual([6.8, ceiling]);
    const far = diagnose(3, [2.9, 3.1], record([3, 3, 3, 3, 3, 3], 600), s, shape);
    expect(far).toEqual({ warnings: [], ci: [2.9, 3.1] });
  });

  it('still rising at the end: warns and raises the upper end by the rise', () => {
    const r = diagnose(2, [1.9, 2.1], record([1, 1, 1, 2, 2, 2], 1200), s, shape);
    expect(r.warnings.join(' ')).toMatch(/still rising \(\+1\.000 nats .* after 1200 steps/);
    expect(r.ci[1]).toBeCloseTo(3.1, 12);
    // Stopped early (by a signal): the curve says nothing about convergence.
    expect(diagnose(2, [1.9, 2.1], record([1, 1, 1, 2, 2, 2], 300), s, shape).warnings).toEqual([]);
  });
});
