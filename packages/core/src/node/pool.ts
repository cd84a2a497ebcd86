import { availableParallelism } from 'node:os';
import type { MessagePort, Worker } from 'node:worker_threads';

/** What `runPool` sends a worker. */
export interface PoolRequest<T> {
  type: 'task';
  index: number;
  task: T;
}

/** What a worker sends back (`serveTasks` speaks this). */
export type PoolReply<R> =
  | { type: 'ready'; info?: unknown }
  | { type: 'result'; index: number; result: R }
  | { type: 'error'; index: number; message: string; stack?: string };

export interface PoolOptions<T, R> {
  /** Starts the worker of slot `slot` (0-based); the worker answers with `serveTasks`. */
  start: (slot: number) => Worker;
  /** Worker threads, capped at the number of tasks. @default availableCores() */
  workers?: number;
  /** Called as each task finishes, in completion order. */
  onResult?: (result: R, task: T, index: number) => void;
  /** Called once per worker with what it passed to `serveTasks` as `info` (e.g. its backend). */
  onReady?: (info: unknown, slot: number) => void;
  /** How a failed task is named in the error. @default `task <index>` */
  describe?: (task: T, index: number) => string;
}

/** The cores this process may use (at least 1). */
export function availableCores(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Runs independent tasks on a pool of worker threads, handing the next task to whichever worker
 * is free (a worker gets its first task once it reports ready). Results come back in the order
 * of `tasks`. Rejects on the first failed task or worker; every worker is terminated either way.
 */
export async function runPool<T, R>(tasks: readonly T[], options: PoolOptions<T, R>): Promise<R[]> {
  const count = Math.max(1, Math.min(options.workers ?? availableCores(), tasks.length));
  const results: R[] = new Array(tasks.length);
  if (tasks.length === 0) return results;
  const describe = options.describe ?? ((_task: T, index: number) => `task ${index}`);
  const workers: Worker[] = [];
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
        const index = next++;
        worker.postMessage({ type: 'task', index, task: tasks[index]! } satisfies PoolRequest<T>);
      };
      for (let slot = 0; slot < count; slot++) {
        const worker = options.start(slot);
        workers.push(worker);
        worker.on('message', (reply: PoolReply<R>) => {
          if (reply.type === 'ready') {
            options.onReady?.(reply.info, slot);
            feed(worker);
          } else if (reply.type === 'result') {
            results[reply.index] = reply.result;
            options.onResult?.(reply.result, tasks[reply.index]!, reply.index);
            if (++done === tasks.length) resolve();
            else feed(worker);
          } else {
            const task = tasks[reply.index]!;
            const error = new Error(
              `${describe(task, reply.index)} failed in a worker: ${reply.message}`,
            );
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
  return results;
}

export interface ServeOptions<R> {
  /** Sent with the ready message; `runPool` hands it to `onReady`. */
  info?: unknown;
  /** Buffers of a result to transfer rather than copy. */
  transfer?: (result: R) => ArrayBuffer[];
}

/**
 * The worker side of `runPool`: answers each task on `port` (the worker's `parentPort`) with
 * `run(task)`, or with the error it threw, then says it is ready. It uses nothing but its
 * arguments, so a worker written as a source string can embed it with `serveTasks.toString()`.
 */
export function serveTasks<T, R>(
  port: MessagePort,
  run: (task: T) => R | Promise<R>,
  options: ServeOptions<R> = {},
): void {
  port.on('message', async (message: PoolRequest<T>) => {
    if (message?.type !== 'task') return;
    try {
      const result = await run(message.task);
      port.postMessage(
        { type: 'result', index: message.index, result },
        options.transfer ? options.transfer(result) : [],
      );
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ type: 'error', index: message.index, message: e.message, stack: e.stack });
    }
  });
  port.postMessage({ type: 'ready', info: options.info });
}
