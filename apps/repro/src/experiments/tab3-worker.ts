// Worker-thread entry of the Table 3 runs.
import { serveTasks } from '../lib/worker-pool.js';
import { runTab3Task } from './tab3-run.js';

await serveTasks(runTab3Task);
