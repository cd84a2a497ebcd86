import { DIVERGED_BELOW } from '@mine/core';
import { EXIT } from './errors.js';

/**
 * How a run ended, as the JSON `status`: `ok`, an estimate; `interrupted`, stopped by Ctrl-C (with
 * the estimate so far when a held-out evaluation had finished, else none); `diverged`, the critic
 * blew up and there is no estimate.
 */
export type EstimateStatus = 'ok' | 'interrupted' | 'diverged';

export interface Outcome {
  status: EstimateStatus;
  code: number;
  /** Whether `mi` and `ci` are reported (and --out written). */
  estimate: boolean;
  /** The stderr line, for every outcome but `ok`. */
  message?: string;
}

export interface OutcomeInput {
  /** The estimate in `unit`; undefined when the run was interrupted before it returned. */
  mi: number | undefined;
  unit: 'nats' | 'bits';
  neural: boolean;
  interrupted: boolean;
  /** Training steps taken (neural). */
  steps?: number;
  /** --lr as given. */
  learningRate?: number;
}

/** Classifies a finished (or interrupted) run: status, exit code, what to report. */
export function outcomeOf(input: OutcomeInput): Outcome {
  const { mi, unit, neural, interrupted, steps } = input;
  const finite = mi !== undefined && Number.isFinite(mi);
  const nats = finite ? (unit === 'bits' ? mi * Math.LN2 : mi) : Number.NaN;
  const after = steps !== undefined ? ` after ${steps} steps` : '';
  if (interrupted) {
    return finite
      ? {
          status: 'interrupted',
          code: EXIT.interrupted,
          estimate: true,
          message: `mine: interrupted${after}: the estimate is from the held-out evaluations so far`,
        }
      : {
          status: 'interrupted',
          code: EXIT.interrupted,
          estimate: false,
          message: `mine: error: interrupted${after}${neural ? ' before the first held-out evaluation' : ''}: no estimate`,
        };
  }
  if (neural && !(nats >= DIVERGED_BELOW)) {
    const value = finite
      ? `held-out bound ${mi.toPrecision(3)} ${unit}`
      : 'no finite held-out bound';
    const lr = input.learningRate !== undefined ? ` than --lr ${input.learningRate}` : '';
    return {
      status: 'diverged',
      code: EXIT.noEstimate,
      estimate: false,
      message: `mine: error: training diverged (${value}${after}): no estimate, and no evidence of independence; try a smaller learning rate${lr}`,
    };
  }
  return { status: 'ok', code: EXIT.ok, estimate: true };
}

/**
 * A warning for an interval of zero width: every resample (or per-point term) gave the same
 * value, so it measures no uncertainty. Typical of duplicated, copied or discrete data.
 */
export function zeroWidthWarning(mi: number, ci: readonly [number, number]): string | undefined {
  const [lo, hi] = ci;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return undefined;
  if (hi - lo > 1e-9 * Math.max(1, Math.abs(mi))) return undefined;
  return 'the 95% interval has zero width: every resample gave the same value, so it measures no uncertainty (typical of duplicated, copied or discrete columns)';
}
