import type { MatrixObjective, PairObjective } from '../objectives/objective.js';
import { OBJECTIVES, type ObjectiveName, objectiveOf } from '../objectives/objectives.js';
import { ESTIMATE_DEFAULTS } from './defaults.js';
import { estimateMutualInformation } from './estimate.js';
import { type MiEstimator, withDefaults } from './estimator.js';
import type { NeuralEstimateOptions, NeuralMiEstimate } from './options.js';

/** A neural estimator whose estimates are `NeuralMiEstimate`s. */
export interface NeuralMiEstimator extends MiEstimator<NeuralEstimateOptions> {
  readonly kind: 'neural';
  estimate(
    x: Parameters<MiEstimator['estimate']>[0],
    z: Parameters<MiEstimator['estimate']>[1],
    options?: NeuralEstimateOptions,
  ): Promise<NeuralMiEstimate>;
}

/** What a neural estimator's `estimate` accepts: every option but the estimator's name. */
const NEURAL_OPTIONS: readonly string[] = [
  ...Object.keys(ESTIMATE_DEFAULTS).filter((key) => key !== 'estimator'),
  'maxSteps',
  'critic',
  'onProgress',
  'signal',
];

/**
 * The factory level: a neural estimator for `objective` with its own defaults (any option of
 * `estimateMutualInformation`), e.g. `neuralEstimator('mine', { hidden: [64, 64], steps: 1000 })`.
 * Each `estimate` call trains a fresh critic on the active tfjs backend.
 */
export function neuralEstimator(
  objective: ObjectiveName | PairObjective | MatrixObjective,
  defaults: NeuralEstimateOptions = {},
): NeuralMiEstimator {
  const o = objectiveOf(objective);
  return {
    name: o.name,
    description: `${o.label}: ${o.description}`,
    kind: 'neural',
    options: NEURAL_OPTIONS,
    estimate: (x, z, options = {}) =>
      estimateMutualInformation(x, z, { ...withDefaults(defaults, options), estimator: o }),
  };
}

/** MINE (Donsker-Varadhan, moving-average gradient) with the given defaults. */
export const mine = (defaults: NeuralEstimateOptions = {}) => neuralEstimator('mine', defaults);

/** MINE-f (the f-divergence bound, Eq. 8) with the given defaults. */
export const mineF = (defaults: NeuralEstimateOptions = {}) => neuralEstimator('mine-f', defaults);

/** One neural estimator per objective, in `OBJECTIVES` order, sharing `defaults`. */
export function neuralEstimators(defaults: NeuralEstimateOptions = {}): NeuralMiEstimator[] {
  return OBJECTIVES.map((o) => neuralEstimator(o, defaults));
}
