// Worker-thread entry of the task pool: selects its backend once, then runs tasks on request.
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend } from '@mine/core/backend';
import { runTask, type Task } from './task.js';

export type WorkerRequest = { type: 'task'; task: Task };
export type WorkerReply =
  | { type: 'ready'; backend: string }
  | { type: 'result'; result: Awaited<ReturnType<typeof runTask>> }
  | { type: 'error'; id: number; message: string; stack?: string };

const port = parentPort!;
const { backend: requested } = workerData as { backend: string };
const backend = await selectBackend(requested, { quiet: true });
port.postMessage({ type: 'ready', backend } satisfies WorkerReply);

port.on('message', async (message: WorkerRequest) => {
  try {
    const result = await runTask(message.task, backend);
    port.postMessage({ type: 'result', result } satisfies WorkerReply);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    port.postMessage({
      type: 'error',
      id: message.task.id,
      message: e.message,
      stack: e.stack,
    } satisfies WorkerReply);
  }
});
