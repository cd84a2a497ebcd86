import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '../errors.js';

/**
 * The multi-threaded wasm backend under Node.
 *
 * tfjs-backend-wasm ships a threaded SIMD build (XNNPACK on a pthread pool) but never uses it in
 * Node: its feature test answers "no threads" there, its worker bootstrap is a Blob URL that
 * Node's worker_threads cannot load, and it sizes the pool as half the logical cores (assuming
 * hyper-threading), which is one thread on a 2-vCPU machine. Registering the backend ourselves
 * fixes all three: the bootstrap goes to a temporary file, and the module reads a core count that
 * allows the requested threads while it starts. Matrix products then run on every thread
 * (measured here: 512x400x400 goes from 18 to 36 GMAC/s with 2 threads); results are bitwise the
 * same as on one thread, since each output element is still reduced by one thread.
 */

/** XNNPACK's pool in tfjs-backend-wasm is built with 8 workers; more are never used. */
export const MAX_WASM_THREADS = 8;

interface EmscriptenWorker {
  unref(): void;
}

interface WasmModule {
  cwrap(name: string, returnType: string | null, argTypes: string[]): (...args: number[]) => number;
  PThread: { unusedWorkers: EmscriptenWorker[]; runningWorkers: EmscriptenWorker[] };
  tfjs?: unknown;
}

type WasmFactory = (config: {
  locateFile: (path: string) => string;
  mainScriptUrlOrBlob: string;
}) => Promise<WasmModule>;

let registeredThreads: number | null = null;

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/** Threads the wasm backend should use: option, else MINE_WASM_THREADS, else the cores (≤ 8). */
export async function wasmThreadsWanted(threads?: number): Promise<number> {
  if (threads !== undefined) return checkThreads(threads, 'threads');
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env?.MINE_WASM_THREADS;
  if (env !== undefined && env.trim() !== '') return checkThreads(Number(env), 'MINE_WASM_THREADS');
  if (!isNode()) return 1;
  const os = await import('node:os');
  const cores =
    typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(MAX_WASM_THREADS, cores));
}

function checkThreads(value: number, argument: string): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_WASM_THREADS) {
    throw new InvalidArgumentError({
      argument,
      message: `must be an integer from 1 to ${MAX_WASM_THREADS}, got ${value}`,
    });
  }
  return value;
}

/** Threads of the active wasm backend (1 when another backend is active). */
export async function wasmThreadCount(): Promise<number> {
  if (tf.getBackend() !== 'wasm') return 1;
  const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
  return Math.max(1, getThreadsCount());
}

/**
 * Replaces the registration of the `wasm` backend by the threaded SIMD build with `threads`
 * threads, before the backend first starts. Returns false (and changes nothing) outside Node,
 * for one thread, without wasm threads, or once the wasm backend has started.
 */
export async function registerThreadedWasm(threads: number): Promise<boolean> {
  if (threads <= 1 || !isNode() || typeof SharedArrayBuffer === 'undefined') return false;
  if (registeredThreads !== null) return registeredThreads === threads;
  const engine = tf.engine() as unknown as { registry: Record<string, unknown> };
  if (engine.registry.wasm !== undefined) return false;
  const original = tf.findBackendFactory('wasm');
  if (original === null) return false;

  const [{ createRequire }, path, fs, wasm] = await Promise.all([
    import('node:module'),
    import('node:path'),
    import('node:fs'),
    import('@tensorflow/tfjs-backend-wasm'),
  ]);
  const require = createRequire(import.meta.url);
  // The CommonJS object, which emscripten reads (an ES namespace is read-only).
  const os = require('node:os') as typeof import('node:os');
  const root = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  const out = path.join(root, 'wasm-out');
  const mainScript = path.join(out, 'tfjs-backend-wasm-threaded-simd.js');
  const factory = require(mainScript) as WasmFactory;
  // The worker source is a template literal whose "\n" escapes became real newlines inside
  // string literals; tfjs escapes them again before use, and so do we.
  const workerSource = (
    require(path.join(out, 'tfjs-backend-wasm-threaded-simd.worker.js')) as {
      wasmWorkerContents: string;
    }
  ).wasmWorkerContents.replace(/\n/g, '\\n');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mine-wasm-'));
  const workerScript = path.join(dir, 'worker.cjs');
  fs.writeFileSync(workerScript, workerSource);
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

  const start = async (): Promise<tf.KernelBackend> => {
    const cpus = os.cpus;
    // emscripten_num_logical_cores() reads os.cpus().length in Node; tfjs halves it and caps
    // the pool there.
    os.cpus = () => {
      const real = cpus();
      return Array.from({ length: 2 * threads }, (_, i) => real[i % real.length]!);
    };
    let module: WasmModule;
    try {
      module = await factory({
        locateFile: (file) => (file.endsWith('.worker.js') ? workerScript : path.join(out, file)),
        mainScriptUrlOrBlob: mainScript,
      });
    } catch {
      // Without a working threaded build the single-threaded one still serves.
      registeredThreads = 1;
      return original();
    } finally {
      os.cpus = cpus;
    }
    module.tfjs = {
      init: module.cwrap('init', null, []),
      initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
      getThreadsCount: module.cwrap('get_threads_count', 'number', []),
      registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
      disposeData: module.cwrap('dispose_data', null, ['number']),
      dispose: module.cwrap('dispose', null, []),
    };
    wasm.setThreadsCount(threads);
    const backend = new wasm.BackendWasm(
      module as unknown as ConstructorParameters<typeof wasm.BackendWasm>[0],
    );
    // The pool's workers must not keep the process alive.
    for (const worker of [...module.PThread.unusedWorkers, ...module.PThread.runningWorkers]) {
      worker.unref();
    }
    return backend;
  };

  tf.removeBackend('wasm');
  tf.registerBackend('wasm', start, 2);
  registeredThreads = threads;
  return true;
}
