// The tfjs-free part of @mine/core: errors, seeded random numbers, data matrices and the shared
// types. Packages that work on typed arrays (datasets, metrics) import from here, so they load
// without tfjs.
export {
  assertArgument,
  assertPositiveInteger,
  BackendUnavailableError,
  InvalidArgumentError,
  MineError,
} from './errors.js';
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
} from './estimate/estimator.js';
export {
  assertNoConstantColumns,
  assertResolvedColumns,
  assertSameRows,
  type ColumnScale,
  columnScale,
  type Matrix,
  type MatrixInput,
  toMatrix,
  type UnresolvedColumn,
  unresolvedColumn,
  unresolvedMessage,
} from './matrix.js';
export { createRng, permutation, type Rng, shuffleInPlace } from './random.js';
export type { Batch, Bound, Critic, Sampler } from './types.js';
