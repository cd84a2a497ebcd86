export {
  MineEstimator,
  type MineEstimatorOptions,
  OBJECTIVES,
  type Objective,
  readoutBound,
} from './estimator.js';
export {
  type EmaState,
  initEmaState,
  mineObjective,
  mineObjectiveOnScores,
  updateEma,
} from './moving-average.js';
