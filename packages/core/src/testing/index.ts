// `@mine/core/testing`: small, seeded toy data for tests of @mine and of code built on it
// (tfjs-free).
export {
  type CorrelatedGaussianSample,
  correlatedGaussianSample,
  toRows,
} from './correlated-gaussian-sample.js';
