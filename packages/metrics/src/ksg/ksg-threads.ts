import type * as WorkerThreads from 'node:worker_threads';
import { ksgCounts } from './ksg-counts.js';

/** What a KSG count job needs; `data` is row-major [n, dx + dz]. */
export interface KsgJob {
  data: Float64Array;
  n: number;
  dx: number;
  dz: number;
  k: number;
  strategy: number;
}

export interface KsgCountsResult {
  eps: Float64Array;
  nx: Int32Array;
  nz: Int32Array;
  /** Ids of the threads that computed the counts (0 is the main thread). */
  threadIds: number[];
}

interface NodeThreads {
  Worker: typeof WorkerThreads.Worker;
  cores: number;
}

let nodeThreads: Promise<NodeThreads | undefined> | undefined;

/**
 * node:worker_threads and the core count, or undefined outside Node (browsers, or runtimes
 * without worker_threads). The specifiers are hidden from bundlers so the main entry stays
 * browser-safe.
 */
export function loadNodeThreads(): Promise<NodeThreads | undefined> {
  nodeThreads ??= (async () => {
    const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
    if (!proc?.versions?.node) return undefined;
    try {
      const load = (id: string): Promise<unknown> =>
        import(/* webpackIgnore: true */ /* @vite-ignore */ id);
      const [threads, os] = (await Promise.all([load('node:worker_threads'), load('node:os')])) as [
        typeof WorkerThreads,
        typeof import('node:os'),
      ];
      const cores = os.availableParallelism?.() ?? os.cpus().length;
      return { Worker: threads.Worker, cores: Math.max(1, cores) };
    } catch {
      return undefined;
    }
  })();
  return nodeThreads;
}

let workerSource: string | undefined;

/**
 * The worker's code: `ksgCounts` serialised with Function.prototype.toString (it is
 * self-contained), so the same code runs from the TypeScript sources (tests) and from the built
 * dist, with no separate worker file to resolve. `__name` covers esbuild's keepNames helper.
 */
function getWorkerSource(): string {
  workerSource ??= `'use strict';
var __name = function (target) { return target; };
const { parentPort, workerData, threadId } = require('node:worker_threads');
const ksgCounts = (${ksgCounts.toString()});
const { data, n, dx, dz, k, start, end, strategy } = workerData;
const eps = new Float64Array(end - start);
const nx = new Int32Array(end - start);
const nz = new Int32Array(end - start);
ksgCounts(data, n, dx, dz, k, start, end, eps, nx, nz, strategy);
parentPort.postMessage({ eps, nx, nz, threadId }, [eps.buffer, nx.buffer, nz.buffer]);
`;
  return workerSource;
}

/** The counts for all rows, computed in this thread. */
export function countsInThread(job: KsgJob): KsgCountsResult {
  const { data, n, dx, dz, k, strategy } = job;
  const eps = new Float64Array(n);
  const nx = new Int32Array(n);
  const nz = new Int32Array(n);
  ksgCounts(data, n, dx, dz, k, 0, n, eps, nx, nz, strategy);
  return { eps, nx, nz, threadIds: [0] };
}

interface WorkerReply {
  eps: Float64Array;
  nx: Int32Array;
  nz: Int32Array;
  threadId: number;
}

/**
 * The counts with the query rows split evenly over `threads` worker threads that share `data`
 * through a SharedArrayBuffer (no copy per worker). Undefined when a worker cannot start or
 * fails; the caller then computes in-thread (the counts are identical either way).
 */
export async function countsInWorkers(
  job: KsgJob,
  threads: number,
  node: NodeThreads,
): Promise<KsgCountsResult | undefined> {
  const { n } = job;
  let data = job.data;
  if (!(data.buffer instanceof SharedArrayBuffer)) {
    const shared = new Float64Array(new SharedArrayBuffer(data.byteLength));
    shared.set(data);
    data = shared;
  }
  const source = getWorkerSource();
  const workers: WorkerThreads.Worker[] = [];
  const ranges = Array.from({ length: threads }, (_, t) => [
    Math.floor((t * n) / threads),
    Math.floor(((t + 1) * n) / threads),
  ]);
  try {
    const replies = await Promise.all(
      ranges.map(
        ([start, end]) =>
          new Promise<WorkerReply>((resolve, reject) => {
            const worker = new node.Worker(source, {
              eval: true,
              workerData: { ...job, data, start, end },
            });
            workers.push(worker);
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.once('exit', (code) => reject(new Error(`KSG worker exited with code ${code}`)));
          }),
      ),
    );
    const eps = new Float64Array(n);
    const nx = new Int32Array(n);
    const nz = new Int32Array(n);
    replies.forEach((reply, t) => {
      const start = ranges[t]![0]!;
      eps.set(reply.eps, start);
      nx.set(reply.nx, start);
      nz.set(reply.nz, start);
    });
    return { eps, nx, nz, threadIds: replies.map((reply) => reply.threadId) };
  } catch {
    for (const worker of workers) void worker.terminate();
    return undefined;
  }
}
