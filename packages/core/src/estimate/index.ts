export { DIVERGED_BELOW, ESTIMATE_DEFAULTS, MIN_ROWS } from './defaults.js';
export { estimateMutualInformation } from './estimate.js';
export {
  type CurvePoint,
  type EstimateOptions,
  type MiEstimate,
  NEURAL_ESTIMATORS,
  type NeuralEstimator,
  type ProgressEvent,
  type Transform,
} from './options.js';
export { normalQuantile, transformColumns } from './preprocess.js';
export { type ReadoutKind, readout } from './readout.js';
