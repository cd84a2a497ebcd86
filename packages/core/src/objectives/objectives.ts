import * as tf from '@tensorflow/tfjs-core';
import { donskerVaradhan } from '../bounds/donsker-varadhan.js';
import { infoNce, infoNceCeiling, infoNceTerms } from '../bounds/infonce.js';
import { jensenShannon } from '../bounds/jensen-shannon.js';
import { nwj } from '../bounds/nwj.js';
import { smile } from '../bounds/smile.js';
import { assertArgument } from '../errors.js';
import { mineObjective, mineObjectiveOnScores } from '../mine/moving-average.js';
import type { Bound } from '../types.js';
import type { MatrixObjective, ObjectiveTrainer, PairObjective } from './objective.js';
import { logMeanExpOf, meanExpMinusOneOf, meanOf } from './score-readout.js';

/** A stateless trainer that maximises `bound`. */
const plain = (bound: Bound): ObjectiveTrainer => ({ value: bound, dispose: () => {} });

const dvReadout: PairObjective['readout'] = (joint, marginal, _params, resample?) =>
  meanOf(joint, resample?.jointIndex) - logMeanExpOf(marginal, resample?.marginalIndex);

/**
 * The moving-average state of MINE in one trainer. The average is kept in a float32 variable, in
 * log space, on both paths (tape and closed form), so the two train alike.
 */
function movingAverageTrainer(decay: number): ObjectiveTrainer {
  const logEma = tf.tidy(() => tf.variable(tf.scalar(Number.NEGATIVE_INFINITY), false));
  let count = 0;
  return {
    value(joint, marginal) {
      const { value, state } = mineObjective(joint, marginal, { logEma, count }, decay);
      logEma.assign(state.logEma);
      count = state.count;
      return value;
    },
    valueAndGradient(scores, joint) {
      const state = { logEma: logEma.dataSync()[0]!, count };
      const step = mineObjectiveOnScores(scores, joint, state, decay);
      count = step.state.count;
      tf.tidy(() => logEma.assign(tf.scalar(step.state.logEma)));
      return { value: step.value, gradient: step.gradient };
    },
    dispose: () => logEma.dispose(),
  };
}

/** MINE (Algorithm 1, Sec. 3.2): Donsker-Varadhan with the moving-average gradient (Eq. 12). */
export const MINE = {
  name: 'mine',
  label: 'MINE',
  description: 'Donsker-Varadhan bound, moving-average gradient (Eq. 10-12)',
  scores: 'pairs',
  defaultCritic: 'concat',
  trainer: ({ emaDecay }) => movingAverageTrainer(emaDecay),
  bound: () => donskerVaradhan,
  readout: dvReadout,
} as const satisfies PairObjective<'mine'>;

/** Donsker-Varadhan with the plain mini-batch gradient (biased, Sec. 3.2). */
export const DV = {
  name: 'dv',
  label: 'DV',
  description: 'Donsker-Varadhan bound, plain mini-batch gradient (biased)',
  scores: 'pairs',
  defaultCritic: 'concat',
  trainer: () => plain(donskerVaradhan),
  bound: () => donskerVaradhan,
  readout: dvReadout,
} as const satisfies PairObjective<'dv'>;

/** MINE-f: the f-divergence (NWJ) bound (Eq. 8), trained and read out. */
export const MINE_F = {
  name: 'mine-f',
  label: 'MINE-f',
  description: 'f-divergence (NWJ) bound (Eq. 8)',
  scores: 'pairs',
  defaultCritic: 'concat',
  trainer: () => plain(nwj),
  bound: () => nwj,
  readout: (joint, marginal, _params, resample?) =>
    meanOf(joint, resample?.jointIndex) - meanExpMinusOneOf(marginal, resample?.marginalIndex),
} as const satisfies PairObjective<'mine-f'>;

/**
 * SMILE (Song & Ermon, 2020): trained with Jensen-Shannon, read out by Donsker-Varadhan with the
 * partition scores clipped to [−clip, clip]. A clipped DV objective itself is unbounded above,
 * since clipping removes the penalty on large scores.
 */
export const SMILE = {
  name: 'smile',
  label: 'SMILE',
  description: 'Jensen-Shannon training, DV read-out with clipped partition scores',
  scores: 'pairs',
  defaultCritic: 'concat',
  trainer: () => plain(jensenShannon),
  bound: ({ clip }) => smile(clip),
  readout: (joint, marginal, { clip }, resample?) =>
    meanOf(joint, resample?.jointIndex) - logMeanExpOf(marginal, resample?.marginalIndex, clip),
} as const satisfies PairObjective<'smile'>;

/** Jensen-Shannon training (Hjelm et al., 2019), read out by Donsker-Varadhan. */
export const JS = {
  name: 'js',
  label: 'JS',
  description: 'Jensen-Shannon training, DV read-out',
  scores: 'pairs',
  defaultCritic: 'concat',
  trainer: () => plain(jensenShannon),
  bound: () => donskerVaradhan,
  readout: dvReadout,
} as const satisfies PairObjective<'js'>;

/** InfoNCE over all b² pairs of a batch; it cannot exceed log(batch size). */
export const INFONCE = {
  name: 'infonce',
  label: 'InfoNCE',
  description: 'InfoNCE over all pairs of a batch (at most log batchSize)',
  scores: 'matrix',
  defaultCritic: 'separable',
  bound: infoNce,
  terms: infoNceTerms,
  readout: (terms, _marginal, _params, resample?) => meanOf(terms, resample?.jointIndex),
  ceiling: infoNceCeiling,
} as const satisfies MatrixObjective<'infonce'>;

/** Every objective, by name: the neural estimators. */
export const OBJECTIVES = [MINE, MINE_F, INFONCE, SMILE, JS, DV] as const;

export type ObjectiveName = (typeof OBJECTIVES)[number]['name'];

/** The names of `OBJECTIVES`, in order. */
export const NEURAL_ESTIMATORS = OBJECTIVES.map((o) => o.name) as readonly ObjectiveName[];
export type NeuralEstimator = ObjectiveName;

/** The objective named `name` (an objective value passes through). */
export function objectiveOf(
  name: ObjectiveName | PairObjective | MatrixObjective,
  argument = 'objective',
): PairObjective | MatrixObjective {
  if (typeof name === 'object') return name;
  const found = OBJECTIVES.find((o) => o.name === name);
  assertArgument(
    found,
    argument,
    () => `unknown ${argument} "${name}". Should be one of: ${NEURAL_ESTIMATORS.join(', ')}`,
  );
  return found;
}
