export {
  MineEstimator,
  type MineEstimatorOptions,
  OBJECTIVES,
  type Objective,
  readoutBound,
} from './estimator.js';
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
