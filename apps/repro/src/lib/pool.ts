import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { selectBackend } from '@mine/core/backend';
import { availableCores, runPool } from '@mine/core/node';
import type { RunnerData } from './worker.js';

/**
 * Where an experiment's tasks run: the export `name` of the module at `module`, called as
 * `run(task, backend)` with the backend already selected in that thread.
 */
export interface TaskRunner {
  module: URL;
  name: string;
}

export interface TasksOptions<T, R> {
  runner: TaskRunner;
  /** Worker threads; 0 runs every task in this thread. @default one per core */
  workers?: number;
  /** Backend each worker selects once (see `selectBackend`). @default 'auto' */
  backend?: string;
  /** Called as each task finishes, in completion order. */
  onResult?: (result: R, task: T) => void;
  /** How a failed task is named in the error. */
  describe?: (task: T, index: number) => string;
}

export interface TasksOutcome<R> {
  /** In the order of `tasks`. */
  results: R[];
  /** The backend the workers selected. */
  backend: string;
  workers: number;
}

/** Default worker count: one per core (one wasm instance uses one core). */
export function defaultWorkers(): number {
  return availableCores();
}

/**
 * Wasm threads for each of `workers` workers sharing the cores (MINE_WASM_THREADS wins): the
 * workers already fill the cores, and oversubscribed threads slow everyone down.
 */
export function threadsPerWorker(workers: number): string {
  const set = process.env.MINE_WASM_THREADS?.trim();
  if (set) return set;
  return `${Math.max(1, Math.floor(availableCores() / Math.max(1, workers)))}`;
}

/**
 * Starts a worker thread whose entry is one of our TypeScript files, run through tsx with the
 * "@mine/source" condition. Node 20 does not apply `--import tsx` from a Worker's execArgv to the
 * worker's own entry (ERR_UNKNOWN_FILE_EXTENSION), so a tiny bootstrap registers tsx first.
 * `wasmThreads` becomes the worker's MINE_WASM_THREADS.
 */
export function startTsWorker(entry: URL, workerData?: unknown, wasmThreads = '1'): Worker {
  const require = createRequire(import.meta.url);
  const tsx = pathToFileURL(require.resolve('tsx/esm/api')).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, {
    eval: true,
    execArgv: ['--conditions=@mine/source'],
    workerData,
    env: { ...process.env, MINE_WASM_THREADS: wasmThreads },
  });
}

/**
 * Runs independent tasks with `runner`, each worker thread with its own tfjs engine and backend
 * (the pool of `@mine/core/node`), or all in this thread when `workers` is 0.
 */
export async function runTasks<T, R>(
  tasks: readonly T[],
  options: TasksOptions<T, R>,
): Promise<TasksOutcome<R>> {
  const requested = options.backend ?? 'auto';
  const count = Math.min(options.workers ?? defaultWorkers(), tasks.length);
  if (count <= 0) {
    const backend = await selectBackend(requested, { quiet: true });
    const module = (await import(options.runner.module.href)) as Record<string, unknown>;
    const run = module[options.runner.name] as (task: T, backend: string) => Promise<R>;
    const results: R[] = [];
    for (const task of tasks) {
      const result = await run(task, backend);
      results.push(result);
      options.onResult?.(result, task);
    }
    return { results, backend, workers: 0 };
  }
  let backend = requested;
  const data: RunnerData = {
    backend: requested,
    module: options.runner.module.href,
    name: options.runner.name,
  };
  const results = await runPool<T, R>(tasks, {
    workers: count,
    start: () =>
      startTsWorker(new URL('./worker.ts', import.meta.url), data, threadsPerWorker(count)),
    onReady: (info) => {
      backend = info as string;
    },
    onResult: (result, task) => options.onResult?.(result, task),
    ...(options.describe ? { describe: options.describe } : {}),
  });
  return { results, backend, workers: count };
}
