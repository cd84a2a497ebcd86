import type * as WorkerThreads from 'node:worker_threads';
import type * as CoreNode from '@mine/core/node';
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
  /** The worker pool of @mine/core/node. */
  runPool: typeof CoreNode.runPool;
  serveTasks: typeof CoreNode.serveTasks;
  cores: number;
}

let nodeThreads: Promise<NodeThreads | undefined> | undefined;

/**
 * node:worker_threads, the pool of @mine/core/node and the core count, or undefined outside Node
 * (browsers, or runtimes without worker_threads). The specifiers are hidden from bundlers so the
 * main entry stays browser-safe.
 */
export function loadNodeThreads(): Promise<NodeThreads | undefined> {
  nodeThreads ??= (async () => {
    const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
    if (!proc?.versions?.node) return undefined;
    try {
      const load = (id: string): Promise<unknown> =>
        import(/* webpackIgnore: true */ /* @vite-ignore */ id);
      const [threads, pool] = (await Promise.all([
        load('node:worker_threads'),
        load('@mine/core/node'),
      ])) as [typeof WorkerThreads, typeof CoreNode];
      return {
        Worker: threads.Worker,
        runPool: pool.runPool,
        serveTasks: pool.serveTasks,
        cores: pool.availableCores(),
      };
    } catch {
      return undefined;
    }
  })();
  return nodeThreads;
}

let workerSource: string | undefined;

/**
 * The worker's code: `ksgCounts` and the pool's `serveTasks` serialised with
 * Function.prototype.toString (both are self-contained), so the same code runs from the
 * TypeScript sources (tests) and from the built dist, with no separate worker file to resolve.
 * `__name` covers esbuild's keepNames helper.
 */
function getWorkerSource(node: NodeThreads): string {
  workerSource ??= `'use strict';
var __name = function (target) { return target; };
const { parentPort, workerData, threadId } = require('node:worker_threads');
const ksgCounts = (${ksgCounts.toString()});
const serveTasks = (${node.serveTasks.toString()});
const { data, n, dx, dz, k, strategy } = workerData;
serveTasks(parentPort, ({ start, end }) => {
  const eps = new Float64Array(end - start);
  const nx = new Int32Array(end - start);
  const nz = new Int32Array(end - start);
  ksgCounts(data, n, dx, dz, k, start, end, eps, nx, nz, strategy);
  return { eps, nx, nz, threadId };
}, { transfer: (r) => [r.eps.buffer, r.nx.buffer, r.nz.buffer] });
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
 * The counts with the query rows split evenly over `threads` worker threads (one range each, on
 * the pool of @mine/core/node) that share `data` through a SharedArrayBuffer (no copy per
 * worker). Undefined when a worker cannot start or fails; the caller then computes in-thread (the
 * counts are identical either way).
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
  const source = getWorkerSource(node);
  const ranges = Array.from({ length: threads }, (_, t) => ({
    start: Math.floor((t * n) / threads),
    end: Math.floor(((t + 1) * n) / threads),
  }));
  try {
    const replies = await node.runPool<(typeof ranges)[number], WorkerReply>(ranges, {
      workers: threads,
      start: () => new node.Worker(source, { eval: true, workerData: { ...job, data } }),
    });
    const eps = new Float64Array(n);
    const nx = new Int32Array(n);
    const nz = new Int32Array(n);
    replies.forEach((reply, t) => {
      const { start } = ranges[t]!;
      eps.set(reply.eps, start);
      nx.set(reply.nx, start);
      nz.set(reply.nz, start);
    });
    return { eps, nx, nz, threadIds: replies.map((reply) => reply.threadId) };
  } catch {
    return undefined;
  }
}
