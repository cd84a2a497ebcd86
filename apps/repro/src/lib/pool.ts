import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { selectBackend } from '@mine/core/backend';
import { runTask, type Task, type TaskResult } from './task.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

export interface PoolOptions {
  /** Worker threads; 0 runs every task in this thread. @default os.availableParallelism() */
  workers?: number;
  /** Backend each worker selects once (see `selectBackend`). @default 'auto' */
  backend?: string;
  /** Called as each task finishes, in completion order. */
  onResult?: (result: TaskResult, task: Task) => void;
}

export interface PoolOutcome {
  /** In the order of `tasks`. */
  results: TaskResult[];
  /** The backend the workers selected. */
  backend: string;
  workers: number;
}

/** Default worker count: one per core (one wasm instance uses one core). */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Wasm threads for each of `workers` workers sharing the cores (MINE_WASM_THREADS wins): the
 * workers already fill the cores, and oversubscribed threads slow everyone down.
 */
export function threadsPerWorker(workers: number): string {
  const set = process.env.MINE_WASM_THREADS?.trim();
  if (set) return set;
  return `${Math.max(1, Math.floor(availableParallelism() / Math.max(1, workers)))}`;
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
 * Runs independent tasks on a pool of worker threads, each with its own tfjs engine and backend,
 * handing the next task to whichever worker is free. Rejects on the first failed task.
 */
export async function runTasks(
  tasks: readonly Task[],
  options: PoolOptions = {},
): Promise<PoolOutcome> {
  const requested = options.backend ?? 'auto';
  const count = Math.min(options.workers ?? defaultWorkers(), tasks.length);
  const results: TaskResult[] = new Array(tasks.length);
  const index = new Map(tasks.map((t, i) => [t.id, i]));

  if (count <= 0) {
    const backend = await selectBackend(requested, { quiet: true });
    for (const [i, task] of tasks.entries()) {
      results[i] = await runTask(task, backend);
      options.onResult?.(results[i]!, task);
    }
    return { results, backend, workers: 0 };
  }

  const workers: Worker[] = [];
  let backend = requested;
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      let failed = false;
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      const feed = (worker: Worker) => {
        if (failed || next >= tasks.length) return;
        worker.postMessage({ type: 'task', task: tasks[next++]! } satisfies WorkerRequest);
      };
      for (let w = 0; w < count; w++) {
        const worker = startTsWorker(
          new URL('./worker.ts', import.meta.url),
          { backend: requested },
          threadsPerWorker(count),
        );
        workers.push(worker);
        worker.on('message', (reply: WorkerReply) => {
          if (reply.type === 'ready') {
            backend = reply.backend;
            feed(worker);
          } else if (reply.type === 'result') {
            const i = index.get(reply.result.id)!;
            results[i] = reply.result;
            options.onResult?.(reply.result, tasks[i]!);
            if (++done === tasks.length) resolve();
            else feed(worker);
          } else {
            const error = new Error(`task ${reply.id} failed in a worker: ${reply.message}`);
            if (reply.stack) error.stack = reply.stack;
            fail(error);
          }
        });
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (done < tasks.length)
            fail(new Error(`a worker exited (code ${code}) before finishing`));
        });
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { results, backend, workers: count };
}
