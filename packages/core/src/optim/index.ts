export { FusedAdam, type FusedAdamOptions, HEAP_UPDATE_LIMIT } from './fused-adam.js';
export {
  runTrainingLoop,
  type TrainingLoopOptions,
  type TrainingLoopTrainer,
} from './training-loop.js';
