export type {
  MatrixObjective,
  Objective,
  ObjectiveParams,
  ObjectiveTrainer,
  PairObjective,
} from './objective.js';
export {
  DV,
  INFONCE,
  JS,
  MINE,
  MINE_F,
  NEURAL_ESTIMATORS,
  type NeuralEstimator,
  OBJECTIVES,
  type ObjectiveName,
  objectiveOf,
  SMILE,
} from './objectives.js';
export type { Resample } from './score-readout.js';
