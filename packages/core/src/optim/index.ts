export { FusedAdam, type FusedAdamOptions } from './fused-adam.js';
export {
  runTrainingLoop,
  type TrainingLoopOptions,
  type TrainingLoopTrainer,
} from './training-loop.js';
