export {
  type AliStepLog,
  type AliStepTensors,
  AliTrainer,
  type AliTrainerOptions,
  type AliTrainOptions,
  type AliTrainResult,
  disposeAliStep,
  readAliStep,
} from './ali-trainer.js';
export {
  type AliCheckpoint,
  decodeAliCheckpoint,
  encodeAliCheckpoint,
} from './checkpoint.js';
export {
  ALI_DEFAULTS,
  ALI_MODELS,
  type AliConfig,
  type AliModel,
  resolveAliConfig,
} from './config.js';
export { adversarialLosses } from './losses.js';
