export { FusedAdam, type FusedAdamOptions, HEAP_UPDATE_LIMIT } from './fused-adam.js';
