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
  GanTrainer,
  type GanTrainerOptions,
  readStep,
  type StepLog,
  type StepTensors,
  type TrainOptions,
  type TrainResult,
} from './gan-trainer.js';
export { discriminatorLoss, generatorLoss } from './losses.js';
export { drawPrior } from './random.js';
