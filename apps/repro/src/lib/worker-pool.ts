import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { selectBackend } from '@mine/core/backend';
import { startTsWorker, threadsPerWorker } from './pool.js';

/** Messages between `runInWorkers` and a worker made by `serveTasks`. */
export type PoolRequest<T> = { type: 'task'; task: T };
export type PoolReply<R> =
  | { type: 'ready'; backend: string }
  | { type: 'result'; id: number; result: R }
  | { type: 'error'; id: number; message: string; stack?: string };

export interface WorkerPoolOptions<T, R> {
  /** Worker threads; 0 runs every task in this thread. @default os.availableParallelism() */
  workers?: number;
  /** Backend each worker selects once. @default 'auto' */
  backend?: string;
  /** Called as each task finishes, in completion order. */
  onResult?: (result: R, task: T) => void | Promise<void>;
}

/**
 * Runs independent tasks (each with a numeric `id`) on worker threads whose entry file calls
 * `serveTasks(run)`, handing the next task to whichever worker is free; with 0 workers runs
 * `run` in this thread. Rejects on the first failure.
 */
export async function runInWorkers<T extends { id: number }, R>(
  entry: URL,
  run: (task: T, backend: string) => Promise<R>,
  tasks: readonly T[],
  options: WorkerPoolOptions<T, R> = {},
): Promise<{ results: R[]; backend: string; workers: number }> {
  const requested = options.backend ?? 'auto';
  const count = Math.min(options.workers ?? availableParallelism(), tasks.length);
  const results: R[] = new Array(tasks.length);
  const index = new Map(tasks.map((t, i) => [t.id, i]));
  if (count <= 0) {
    const backend = await selectBackend(requested, { quiet: true });
    for (const [i, task] of tasks.entries()) {
      results[i] = await run(task, backend);
      await options.onResult?.(results[i]!, task);
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
        worker.postMessage({ type: 'task', task: tasks[next++]! } satisfies PoolRequest<T>);
      };
      for (let w = 0; w < count; w++) {
        const worker = startTsWorker(entry, { backend: requested }, threadsPerWorker(count));
        workers.push(worker);
        worker.on('message', async (reply: PoolReply<R>) => {
          if (reply.type === 'ready') {
            backend = reply.backend;
            feed(worker);
          } else if (reply.type === 'result') {
            const i = index.get(reply.id)!;
            results[i] = reply.result;
            try {
              await options.onResult?.(reply.result, tasks[i]!);
            } catch (error) {
              fail(error as Error);
              return;
            }
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

/** The body of a worker entry file: select the backend once, then run tasks on request. */
export async function serveTasks<T extends { id: number }, R>(
  run: (task: T, backend: string) => Promise<R>,
): Promise<void> {
  const { parentPort, workerData } = await import('node:worker_threads');
  const port = parentPort!;
  const backend = await selectBackend((workerData as { backend: string }).backend, { quiet: true });
  port.postMessage({ type: 'ready', backend } satisfies PoolReply<R>);
  port.on('message', async (message: PoolRequest<T>) => {
    try {
      const result = await run(message.task, backend);
      port.postMessage({ type: 'result', id: message.task.id, result } satisfies PoolReply<R>);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({
        type: 'error',
        id: message.task.id,
        message: e.message,
        stack: e.stack,
      } satisfies PoolReply<R>);
    }
  });
}
