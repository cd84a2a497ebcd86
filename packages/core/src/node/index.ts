// The Node-only part of @mine/core (node:worker_threads, node:os): never imported by the main
// entry, which stays browser-safe.
export {
  availableCores,
  type PoolOptions,
  type PoolReply,
  type PoolRequest,
  runPool,
  type ServeOptions,
  serveTasks,
} from './pool.js';
