export {
  assertArgument,
  BackendUnavailableError,
  InvalidArgumentError,
  MineError,
} from './errors.js';
export { createRng, permutation, type Rng, shuffleInPlace } from './random.js';
export type { Batch, Bound, Critic, Sampler } from './types.js';
