// The tfjs-free numeric helpers of @mine/core (`@mine/core/math`): special functions and the
// dense linear algebra behind closed-form Gaussian mutual information. Shared by
// @mine/datasets (ground truths, samplers), @mine/metrics (KSG, Gaussian estimator) and the apps.
export {
  cholesky,
  choleskyInto,
  choleskyLogDet,
  componentwiseGaussianMi,
  gaussianMiFromCovariance,
  logDetFromCholesky,
} from './linalg.js';
export { digamma, erf, erfc, lgamma, normalCdf } from './special.js';
