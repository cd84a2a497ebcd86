export { ensureGradients } from './backend/gradients.js';
export { checkWasmKernels, NoBackendError, prepareTraining } from './backend/training-backend.js';
export {
  registerWasmKernelFixes,
  WASM_KERNEL_FIXES_VERSION,
  type WasmKernelFixesOptions,
} from './backend/wasm-kernels/index.js';
export * from './bounds/index.js';
export { adaptiveClip, combineWithAdaptiveClip, globalNorm } from './clipping/adaptive-clip.js';
export * from './critics/index.js';
export {
  assertArgument,
  assertPositiveInteger,
  BackendUnavailableError,
  InvalidArgumentError,
  MineError,
} from './errors.js';
export * from './estimate/index.js';
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
export * from './mine/index.js';
export {
  type BatchNormTrainingResult,
  batchNormTraining,
} from './nn/batch-norm.js';
export { leakyRelu } from './nn/leaky-relu.js';
export {
  type Activation,
  assertWeightInit,
  glorotUniform,
  initKernel,
  type Mlp,
  type MlpOptions,
  type MlpTrace,
  mlp,
  type WeightInit,
} from './nn/mlp.js';
export { runningAverage } from './nn/running-average.js';
export {
  loadOptimizer,
  loadVariables,
  type SavedOptimizer,
  type SavedTensor,
  saveOptimizer,
  saveVariables,
} from './nn/snapshot.js';
export { decodeSnapshot, encodeSnapshot } from './nn/snapshot-codec.js';
export * from './objectives/index.js';
export {
  FusedAdam,
  type FusedAdamOptions,
  runTrainingLoop,
  type TrainingLoopOptions,
  type TrainingLoopTrainer,
} from './optim/index.js';
export {
  createRng,
  derangement,
  permutation,
  type Rng,
  shuffleInPlace,
  stepRng,
  stepSeed,
} from './random.js';
export type { Batch, Bound, Critic, CriticTrace, Sampler, ScoreOptions } from './types.js';
