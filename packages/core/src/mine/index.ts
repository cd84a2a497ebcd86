export {
  MineEstimator,
  type MineEstimatorOptions,
  OBJECTIVES,
  type Objective,
  readoutBound,
} from './estimator.js';
export { type EmaState, initEmaState, mineObjective, updateEma } from './moving-average.js';
