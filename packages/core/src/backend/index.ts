export { ensureGradients } from './gradients.js';
export {
  BACKEND_NAMES,
  type BackendName,
  type ConcreteBackend,
  parseBackendName,
  type SelectBackendOptions,
  selectBackend,
} from './select-backend.js';
export { registerWasmKernelFixes } from './wasm-kernels/index.js';
export { MAX_WASM_THREADS, wasmThreadCount } from './wasm-threads.js';
