export { ESTIMATE_DEFAULTS, MIN_ROWS } from './defaults.js';
export { estimateMutualInformation } from './estimate.js';
export {
  assertKnownOptions,
  assertUnit,
  type CommonEstimateOptions,
  type EstimatorRegistry,
  estimatorRegistry,
  inUnit,
  type MiEstimate,
  type MiEstimator,
  optionsFor,
  type Unit,
  withDefaults,
} from './estimator.js';
export {
  mine,
  mineF,
  type NeuralEstimatorOptions,
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
