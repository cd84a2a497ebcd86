import type { ObjectiveName } from '../objectives/objectives.js';

/** Defaults of `estimateMutualInformation`, chosen by measurement on the ground-truth suite. */
export const ESTIMATE_DEFAULTS = {
  estimator: 'mine' as ObjectiveName,
  steps: 4000,
  batchSize: 256,
  learningRate: 1e-3,
  schedule: 'cosine' as 'constant' | 'cosine',
  hidden: [256, 256] as readonly number[],
  activation: 'relu' as 'relu' | 'elu' | 'leakyRelu',
  emaDecay: 0.99,
  clip: 5,
  transform: 'rank' as 'standardize' | 'rank' | 'none',
  heldOutFraction: 0.2,
  evalNegatives: 8,
  evalEvery: 100,
  averageLast: 5,
  patience: 10,
  bootstrap: 200,
  confidence: 0.95,
  seed: 0,
  unit: 'nats' as 'nats' | 'bits',
};

/**
 * `maxSteps` is this many times `steps` unless given: training goes on past `steps` while the
 * held-out bound still rises, up to twice the planned steps.
 */
export const EXTEND_FACTOR = 2;

/** Fewest rows an estimate accepts. */
export const MIN_ROWS = 20;

/**
 * A held-out bound below this many nats is a diverged critic, not a sign of independence: the
 * true MI is ≥ 0, and a critic that merely found nothing scores near 0 (an over-fitted one a few
 * tenths below).
 */
export const DIVERGED_BELOW = -1;
