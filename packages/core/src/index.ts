export {
  assertArgument,
  BackendUnavailableError,
  InvalidArgumentError,
  MineError,
} from './errors.js';
