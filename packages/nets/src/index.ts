// The two MI critics live in @mine/core so its one-call estimator needs no other package;
// they are re-exported here beside the other architectures.
export {
  type ConcatCriticOptions,
  concatCritic,
  type SeparableCriticOptions,
  separableCritic,
} from '@mine/core';
