export { type ArcCoverage, type ArcCoverageOptions, arcCoverage } from './arc-coverage.js';
export {
  type GaussianEstimatorOptions,
  gaussianEstimator,
  type KsgEstimateOptions,
  ksgEstimator,
  referenceEstimators,
} from './estimators.js';
export {
  type GaussianEstimate,
  type GaussianEstimateOptions,
  gaussianEstimate,
} from './gaussian-estimate.js';
export { gaussianMutualInformation } from './gaussian-mutual-information.js';
export { klFromCounts } from './kl-from-counts.js';
export { KSG_PARALLEL_FROM, type KsgOptions, type KsgResult, ksg, ksgSync } from './ksg/ksg.js';
export { type ModeCoverage, type ModeCoverageOptions, modeCoverage } from './mode-coverage.js';
export { type MsSsim, type MsSsimOptions, msSsim } from './ms-ssim.js';
export type { PointsInput } from './points.js';
export { reconstructionAccuracy, reconstructionError } from './reconstruction.js';
export { type StackedModes, type StackedModesOptions, stackedModes } from './stacked-modes.js';
