export {
  decodeCheckpoint,
  encodeCheckpoint,
  type GanCheckpoint,
} from './checkpoint.js';
export {
  assertCodePrior,
  CODE_PRIOR_KINDS,
  type CodePrior,
  codeInformationCeiling,
  codeWidth,
  describeCodePrior,
} from './code-prior.js';
export {
  disposeStep,
  GAN_DEFAULTS,
  type GanConfig,
  type GanData,
  GanTrainer,
  type GanTrainerOptions,
  readStep,
  type StepLog,
  type StepTensors,
  type TrainOptions,
  type TrainResult,
} from './gan-trainer.js';
export { ImageStream } from './image-stream.js';
export { discriminatorLoss, generatorLoss } from './losses.js';
export {
  DCGAN_SIZE,
  GAN_ARCHITECTURES,
  type GanArchitecture,
  type GanDiscriminator,
  type GanGenerator,
} from './networks.js';
export { drawPrior, type NoiseKind } from './random.js';
