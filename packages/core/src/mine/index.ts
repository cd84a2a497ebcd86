export { MineEstimator, type MineEstimatorOptions } from './estimator.js';
export {
  type MiTermState,
  MutualInformationTerm,
  type MutualInformationTermOptions,
} from './mi-term.js';
export {
  debiasedLogDenominator,
  dvWithDenominator,
  type EmaState,
  initEmaState,
  mineObjective,
  mineObjectiveOnScores,
  updateEma,
} from './moving-average.js';
