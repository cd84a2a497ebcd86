export { decodeIbCheckpoint, encodeIbCheckpoint } from './checkpoint.js';
export {
  IB_DEFAULTS,
  IB_MODELS,
  type IbConfig,
  type IbModel,
  isGaussian,
  resolveConfig,
  usesMine,
} from './config.js';
export {
  disposeStepTensors,
  gaussianKl,
  type IbCheckpoint,
  type IbEvaluation,
  type IbStepLog,
  type IbStepTensors,
  IbTrainer,
  type IbTrainerOptions,
  type IbTrainOptions,
  softmaxCrossEntropy,
} from './ib-trainer.js';
export { PolyakAverage } from './polyak.js';
