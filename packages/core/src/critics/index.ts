export { type ConcatCriticOptions, concatCritic } from './concat-critic.js';
export { type SeparableCriticOptions, separableCritic } from './separable-critic.js';
