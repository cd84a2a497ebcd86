import { DIVERGED_BELOW } from './defaults.js';
import type { Settings } from './settings.js';
import { stillRising, type TrainingRecord } from './training.js';

/** The warnings on an estimate, and its interval widened for what they say. */
export interface Reliability {
  warnings: string[];
  ci: [number, number];
}

/**
 * The most a held-out estimate from `nHeld` rows can show, log(nHeld) nats: a lower bound on MI
 * that holds with high confidence from N samples cannot exceed O(log N) (McAllester & Stratos,
 * 2020), and the critic's scores on N held-out pairs cannot separate more than N of them.
 */
export const heldOutCeiling = (nHeld: number) => Math.log(nHeld);

/**
 * What may make an estimate of `nats` unreliable, in words (DESIGN.md §5), and the interval `ci`
 * widened to match: near a ceiling its upper end reaches at least the ceiling (the data cannot
 * tell the estimate from anything up to it); while the held-out bound was still rising when
 * training stopped, the upper end moves up by the last rise (one more window would likely add as
 * much).
 */
export function diagnose(
  nats: number,
  ci: [number, number],
  record: TrainingRecord,
  s: Settings,
  shape: { batchSize: number; nHeld: number },
): Reliability {
  const warnings: string[] = [];
  let [low, high] = ci;
  if (record.nonFinite > 0) {
    warnings.push(`${record.nonFinite} evaluation(s) gave a non-finite bound`);
  }
  // Within a nat of its ceiling, a bounded read-out cannot tell the true MI from anything larger.
  const batchCeiling = s.objective.ceiling?.(shape.batchSize);
  const heldCeiling = heldOutCeiling(shape.nHeld);
  if (batchCeiling !== undefined && nats > batchCeiling - 1) {
    warnings.push(
      `${s.objective.label} is within 1 nat of its ceiling log(batchSize) = ${batchCeiling.toFixed(3)} nats; the true MI may be much larger (raise batchSize or use mine)`,
    );
    high = Math.max(high, batchCeiling);
  } else if (nats > heldCeiling - 1) {
    warnings.push(
      `the estimate is within 1 nat of log(held-out rows) = ${heldCeiling.toFixed(3)} nats, the most ${shape.nHeld} held-out rows can show; the true MI may be larger (more rows would tell); the interval's upper end is raised to it`,
    );
    high = Math.max(high, heldCeiling);
  }
  const rise = record.steps >= s.steps ? stillRising(record.curve, s.averageLast) : undefined;
  if (rise !== undefined) {
    warnings.push(
      `the held-out bound was still rising (+${rise.toFixed(3)} nats over the last ${s.averageLast} evaluations) after ${record.steps} steps (maxSteps ${s.maxSteps}); more steps may give a larger estimate; the interval's upper end is raised by the rise`,
    );
    high += rise;
  }
  if (nats < DIVERGED_BELOW) {
    warnings.push(
      `the held-out bound is ${nats.toPrecision(3)} nats, far below 0 (the true MI is ≥ 0): the critic diverged; try a smaller learningRate`,
    );
  } else if (nats < -0.05) {
    warnings.push('the estimate is negative: no dependence was found (the true MI is ≥ 0)');
  }
  return { warnings, ci: [low, high] };
}
