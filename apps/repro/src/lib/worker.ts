// Worker-thread entry of the task pool: selects its backend once, loads the experiment's task
// runner, then runs tasks on request.
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend } from '@mine/core/backend';
import { serveTasks } from '@mine/core/node';

/** What `runTasks` gives each worker. */
export interface RunnerData {
  backend: string;
  /** URL of the module that exports the runner. */
  module: string;
  name: string;
}

const { backend: requested, module, name } = workerData as RunnerData;
const run = ((await import(module)) as Record<string, unknown>)[name] as (
  task: unknown,
  backend: string,
) => Promise<unknown>;
const backend = await selectBackend(requested, { quiet: true });
serveTasks(parentPort!, (task) => run(task, backend), { info: backend });
