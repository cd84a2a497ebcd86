export { MineEstimator, type MineEstimatorOptions } from './estimator.js';
export {
  type EmaState,
  initEmaState,
  mineObjective,
  mineObjectiveOnScores,
  updateEma,
} from './moving-average.js';
