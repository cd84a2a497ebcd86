import type { Settings } from './settings.js';
import type { TrainingRecord } from './training.js';

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** What may make an estimate of `nats` unreliable, in words (DESIGN.md §5). */
export function diagnose(
  nats: number,
  record: TrainingRecord,
  s: Settings,
  batchSize: number,
): string[] {
  const warnings: string[] = [];
  if (record.nonFinite > 0) {
    warnings.push(`${record.nonFinite} evaluation(s) gave a non-finite bound`);
  }
  // Within a nat of its ceiling, a bounded read-out cannot tell the true MI from anything larger.
  const ceiling = s.objective.ceiling?.(batchSize);
  if (ceiling !== undefined && nats > ceiling - 1) {
    warnings.push(
      `${s.objective.label} is within 1 nat of its ceiling log(batchSize) = ${ceiling.toFixed(3)} nats; the true MI may be much larger (raise batchSize or use mine)`,
    );
  }
  const heldCurve = record.curve.map((p) => p.heldOut ?? Number.NaN).filter(Number.isFinite);
  const k = s.averageLast;
  if (heldCurve.length >= 2 * k && record.steps === s.steps) {
    const last = heldCurve.slice(-k);
    const before = heldCurve.slice(-2 * k, -k);
    const rise = mean(last) - mean(before);
    if (rise > Math.max(0.05, 0.02 * Math.abs(mean(last)))) {
      warnings.push(
        `the held-out bound was still rising (+${rise.toFixed(3)} nats over the last ${k} evaluations); more steps may give a larger estimate`,
      );
    }
  }
  if (nats < -0.05 && Number.isFinite(nats)) {
    warnings.push('the estimate is negative: no dependence was found (the true MI is ≥ 0)');
  }
  return warnings;
}
