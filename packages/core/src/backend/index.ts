// @mine/core/backend: explicit backend choice (loads backend packages, Node-only threads).
export { ensureGradients } from './gradients.js';
export {
  BACKEND_NAMES,
  type BackendName,
  type ConcreteBackend,
  parseBackendName,
  type SelectBackendOptions,
  selectBackend,
} from './select-backend.js';
export {
  registerWasmKernelFixes,
  WASM_KERNEL_FIXES_VERSION,
  type WasmKernelFixesOptions,
} from './wasm-kernels/index.js';
export { MAX_WASM_THREADS, wasmThreadCount } from './wasm-threads.js';
