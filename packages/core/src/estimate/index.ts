export { DIVERGED_BELOW, ESTIMATE_DEFAULTS, MIN_ROWS } from './defaults.js';
export { estimateMutualInformation } from './estimate.js';
// Helpers for implementing estimators (assertKnownOptions, inUnit, ...) live in @mine/core/base.
export {
  type CommonEstimateOptions,
  type EstimatorRegistry,
  estimatorRegistry,
  type MiEstimate,
  type MiEstimator,
  optionsFor,
  type Unit,
} from './estimator.js';
export {
  mine,
  mineF,
  type NeuralMiEstimator,
  neuralEstimator,
  neuralEstimators,
} from './neural-estimator.js';
export type {
  CurvePoint,
  EstimateOptions,
  NeuralEstimateOptions,
  NeuralMiEstimate,
  ProgressEvent,
  Transform,
} from './options.js';
export { normalQuantile, transformColumns } from './preprocess.js';
