export {
  type AdditiveUniformOptions,
  additiveUniform,
  additiveUniformMi,
} from './additive-uniform.js';
export {
  type CorrelatedGaussiansOptions,
  correlatedGaussians,
} from './correlated-gaussians.js';
export {
  type RotatedEmbeddingOptions,
  randomRotation,
  rhoForMutualInformation,
  rotatedEmbedding,
  type SpiralTubeOptions,
  spiralTube,
} from './curved.js';
export {
  type EquitabilityFunction,
  type EquitabilityOptions,
  equitability,
  equitabilityComponentMi,
  equitabilityFunctions,
} from './equitability.js';
export { type GaussianOptions, gaussian, type MatrixLike } from './gaussian.js';
export {
  denseCorrelation,
  groundTruthSuite,
  groundTruthTask,
  pairedCorrelation,
} from './ground-truth-suite.js';
export { encodeIdx, type IdxArray, IdxFormatError, parseIdx } from './images/idx.js';
export {
  gatherPixels,
  type ImageSet,
  imageSetFingerprint,
  imageSetFromIdx,
  imageSize,
  takeImages,
} from './images/image-set.js';
export {
  type StackedMnist,
  type StackedMnistOptions,
  stackedMnist,
} from './images/stacked-mnist.js';
export { DEFAULT_DATASET_SIZE, type PointSet } from './point-set.js';
export { type Spiral, type SpiralOptions, spiral } from './spiral.js';
export { type StudentTOptions, studentT, studentTCorrection } from './student-t.js';
export {
  asinhTransform,
  halfCubeTransform,
  normalCdfTransform,
  type SpiralTransformOptions,
  spiralTransform,
  type Transform,
  type TransformedOptions,
  transformed,
  wigglyXTransform,
  wigglyZTransform,
} from './transforms.js';
export {
  type TwentyFiveGaussians,
  type TwentyFiveGaussiansOptions,
  twentyFiveGaussians,
} from './twenty-five-gaussians.js';
