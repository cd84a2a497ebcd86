// Worker-thread entry of the Fig. 3 / Fig. 4 GAN runs: selects its backend once, then trains on request.
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend } from '@mine/core/backend';
import { type GanWorkerReply, type GanWorkerRequest, runGanTask } from './fig34-gan.js';

const port = parentPort!;
const { backend: requested } = workerData as { backend: string };
const backend = await selectBackend(requested, { quiet: true });
port.postMessage({ type: 'ready', backend } satisfies GanWorkerReply);

port.on('message', async (message: GanWorkerRequest) => {
  try {
    const result = await runGanTask(message.task, backend);
    port.postMessage({ type: 'result', result } satisfies GanWorkerReply);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    port.postMessage({
      type: 'error',
      id: message.task.id,
      message: e.message,
      stack: e.stack,
    } satisfies GanWorkerReply);
  }
});
