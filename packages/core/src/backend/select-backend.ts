import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, InvalidArgumentError } from '../errors.js';
import { ensureGradients } from './gradients.js';
import { noteWasmVersion, registerWasmKernelFixes } from './wasm-kernels/index.js';
import { registerThreadedWasm, wasmThreadCount, wasmThreadsWanted } from './wasm-threads.js';

export const BACKEND_NAMES = ['auto', 'tensorflow', 'webgpu', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export type ConcreteBackend = Exclude<BackendName, 'auto'>;

export interface SelectBackendOptions {
  /** Do not announce the chosen backend. @default false */
  quiet?: boolean;
  /** Where the announcement goes. @default console.error */
  log?: (message: string) => void;
  /**
   * Threads of the wasm backend in Node (tfjs-backend-wasm's threaded SIMD build; 1 keeps the
   * single-threaded one). Takes effect only before the wasm backend first starts in the process.
   * @default MINE_WASM_THREADS, else the number of cores (at most 8)
   */
  threads?: number;
}

const PACKAGES: Record<ConcreteBackend, readonly string[]> = {
  tensorflow: ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'],
  webgpu: ['@tensorflow/tfjs-backend-webgpu'],
  wasm: ['@tensorflow/tfjs-backend-wasm'],
  cpu: ['@tensorflow/tfjs-backend-cpu'],
};

// Dynamic imports with literal specifiers so bundlers can see them; each is optional.
const LOADERS: Record<string, () => Promise<unknown>> = {
  '@tensorflow/tfjs-node-gpu': () => import('@tensorflow/tfjs-node-gpu' as string),
  '@tensorflow/tfjs-node': () => import('@tensorflow/tfjs-node' as string),
  '@tensorflow/tfjs-backend-webgpu': () => loadWebgpu(),
  '@tensorflow/tfjs-backend-wasm': () => import('@tensorflow/tfjs-backend-wasm'),
  '@tensorflow/tfjs-backend-cpu': () => import('@tensorflow/tfjs-backend-cpu'),
};

async function loadWebgpu(): Promise<unknown> {
  const g = globalThis as { navigator?: { gpu?: unknown } };
  if (!g.navigator?.gpu) {
    // In Node, Dawn comes from the `webgpu` package; the backend looks for navigator.gpu.
    const { create } = (await import('webgpu' as string)) as { create: (o: string[]) => unknown };
    Object.defineProperty(globalThis, 'navigator', {
      value: { ...(g.navigator ?? {}), gpu: create([]) },
      configurable: true,
      writable: true,
    });
  }
  return import('@tensorflow/tfjs-backend-webgpu' as string);
}

function envBackend(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  const value = env?.MINE_BACKEND?.trim();
  return value ? value : undefined;
}

/** Checks a backend name, naming the argument and the choices when it is unknown. */
export function parseBackendName(name: string, argument = 'backend'): BackendName {
  const lower = name.trim().toLowerCase();
  if (!(BACKEND_NAMES as readonly string[]).includes(lower)) {
    throw new InvalidArgumentError({
      argument,
      message: `unknown backend "${name}". Should be one of: ${BACKEND_NAMES.join(', ')}.`,
    });
  }
  return lower as BackendName;
}

async function tryLoad(
  backend: ConcreteBackend,
): Promise<{ ok: true } | { ok: false; error: unknown }> {
  let lastError: unknown;
  for (const pkg of PACKAGES[backend]) {
    try {
      await LOADERS[pkg]!();
      const tfName = backend;
      if (tf.findBackendFactory(tfName) === null)
        throw new Error(`${pkg} did not register "${tfName}"`);
      return { ok: true };
    } catch (error) {
      lastError = error;
    }
  }
  return { ok: false, error: lastError };
}

async function activate(backend: ConcreteBackend, threads?: number): Promise<void> {
  if (backend === 'wasm') await registerThreadedWasm(await wasmThreadsWanted(threads));
  const ok = await tf.setBackend(backend);
  if (!ok) throw new BackendUnavailableError({ backend, packageName: PACKAGES[backend].at(-1) });
  await tf.ready();
  if (backend === 'wasm') {
    const { version_wasm } = await import('@tensorflow/tfjs-backend-wasm');
    noteWasmVersion(version_wasm);
    registerWasmKernelFixes();
  }
  await ensureGradients();
}

/**
 * Loads and activates a tfjs backend, registers our wasm kernel fixes and the gradient functions,
 * and returns the name of the backend now active.
 *
 * The name comes from `name`, else the `MINE_BACKEND` environment variable, else `auto`:
 * tensorflow (`@tensorflow/tfjs-node-gpu` or `-node`, when installed), else wasm, else cpu.
 * webgpu is used only when asked for.
 */
export async function selectBackend(
  name?: string,
  options: SelectBackendOptions = {},
): Promise<ConcreteBackend> {
  const requested = parseBackendName(
    name ?? envBackend() ?? 'auto',
    name ? 'backend' : 'MINE_BACKEND',
  );
  const candidates: ConcreteBackend[] =
    requested === 'auto' ? ['tensorflow', 'wasm', 'cpu'] : [requested];
  let chosen: ConcreteBackend | undefined;
  let failure: unknown;
  for (const backend of candidates) {
    const loaded = await tryLoad(backend);
    if (loaded.ok) {
      chosen = backend;
      break;
    }
    failure = loaded.error;
  }
  if (!chosen) {
    const backend = candidates.at(-1)!;
    throw new BackendUnavailableError({
      backend: requested,
      packageName: PACKAGES[backend].at(-1),
      cause: failure,
    });
  }
  await activate(chosen, options.threads);
  if (!options.quiet) {
    const notes: string[] = requested === 'auto' ? ['auto'] : [];
    if (chosen === 'wasm') {
      const threads = await wasmThreadCount();
      notes.push(`${threads} thread${threads === 1 ? '' : 's'}`);
    }
    const note = notes.length > 0 ? ` (${notes.join(', ')})` : '';
    (options.log ?? console.error)(`[mine] backend: ${chosen}${note}`);
  }
  return chosen;
}
