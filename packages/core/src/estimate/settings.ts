import { assertArgument, assertPositiveInteger } from '../errors.js';
import type { MatrixObjective, PairObjective } from '../objectives/objective.js';
import { objectiveOf } from '../objectives/objectives.js';
import type { Critic } from '../types.js';
import { ESTIMATE_DEFAULTS, EXTEND_FACTOR } from './defaults.js';
import { assertKnownOptions, assertUnit } from './estimator.js';
import type { EstimateOptions, ProgressEvent } from './options.js';

const OPTION_KEYS = new Set<string>([
  ...Object.keys(ESTIMATE_DEFAULTS),
  'maxSteps',
  'critic',
  'onProgress',
  'signal',
]);

/** Every option of an estimate, defaults filled in and checked. */
export type Settings = Omit<typeof ESTIMATE_DEFAULTS, 'estimator'> & {
  objective: PairObjective | MatrixObjective;
  /** Whether the caller chose the batch size (else it shrinks to fit the training rows). */
  batchSizeGiven: boolean;
  /** Most steps when the held-out bound is still rising after `steps`. */
  maxSteps: number;
  critic?: 'concat' | 'separable' | Critic;
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
};

/** Fills in the defaults and checks every option, naming the bad one. */
export function resolveSettings(options: EstimateOptions): Settings {
  assertKnownOptions(options, OPTION_KEYS);
  const { estimator, ...o } = { ...ESTIMATE_DEFAULTS, ...stripUndefined(options) };
  const objective = objectiveOf(estimator, 'estimator');
  assertPositiveInteger(o.steps, 'steps');
  const maxSteps = options.maxSteps ?? EXTEND_FACTOR * o.steps;
  assertPositiveInteger(maxSteps, 'maxSteps');
  assertArgument(
    maxSteps >= o.steps,
    'maxSteps',
    () => `must be at least steps (${o.steps}), got ${maxSteps}`,
  );
  assertPositiveInteger(o.evalEvery, 'evalEvery');
  assertPositiveInteger(o.evalNegatives, 'evalNegatives');
  assertPositiveInteger(o.averageLast, 'averageLast');
  assertPositiveInteger(o.bootstrap, 'bootstrap');
  if (options.batchSize !== undefined) assertPositiveInteger(o.batchSize, 'batchSize');
  assertArgument(
    o.learningRate > 0 && Number.isFinite(o.learningRate),
    'learningRate',
    () => `must be a positive number, got ${o.learningRate}`,
  );
  assertArgument(
    o.heldOutFraction > 0 && o.heldOutFraction < 1,
    'heldOutFraction',
    () => `must be in (0, 1), got ${o.heldOutFraction}`,
  );
  assertArgument(
    o.confidence > 0 && o.confidence < 1,
    'confidence',
    () => `must be in (0, 1), got ${o.confidence}`,
  );
  assertArgument(
    ['standardize', 'rank', 'none'].includes(o.transform),
    'transform',
    () => `unknown transform "${o.transform}". Should be one of: standardize, rank, none`,
  );
  assertUnit(o.unit);
  assertArgument(
    Number.isInteger(o.patience) && o.patience >= 0,
    'patience',
    () => `must be a non-negative integer, got ${o.patience}`,
  );
  const { maxSteps: _, ...rest } = o as typeof o & { maxSteps?: number };
  return { ...rest, objective, maxSteps, batchSizeGiven: options.batchSize !== undefined };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
