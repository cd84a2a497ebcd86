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

/** Fewest rows an estimate accepts. */
export const MIN_ROWS = 20;
