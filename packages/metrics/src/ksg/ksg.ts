import {
  assertArgument,
  assertResolvedColumns,
  assertSameRows,
  type MatrixInput,
  toMatrix,
} from '@mine/core/base';
import { digamma } from '../digamma.js';
import { addJitter } from './jitter.js';
import { chooseKsgStrategy } from './ksg-counts.js';
import {
  countsInThread,
  countsInWorkers,
  type KsgCountsResult,
  type KsgJob,
  loadNodeThreads,
} from './ksg-threads.js';

export interface KsgOptions {
  /** Neighbours (the paper's k). Must be in [1, n). @default 3 */
  k?: number;
  /**
   * Worker threads for `ksg`. 'auto': in-thread below 5,000 rows, else one worker per core (at
   * most 8). A number forces that many workers (1 = in-thread). Where node:worker_threads is
   * unavailable (browsers) the work runs in-thread; the result is identical either way.
   * @default 'auto'
   */
  workers?: number | 'auto';
  /** Seed of the tie-breaking jitter. @default 0 */
  seed?: number;
  /**
   * Tie-breaking jitter: each value moves by at most noise × its column's standard deviation
   * (seeded uniform). It only matters for exact ties (discrete-valued data), where the strict
   * neighbour counts of the algorithm are ill-defined; 0 disables it. @default 1e-10
   */
  noise?: number;
}

export interface KsgResult {
  /** KSG estimate of I(x; z), nats. Raw: it can be slightly negative near independence. */
  mi: number;
  /** mi ± 1.96 standardError. */
  ci: [number, number];
  /**
   * sd(ψ(n_x+1) + ψ(n_z+1)) / √n over the points. It treats the per-point terms as independent,
   * which they are not (neighbourhoods overlap), so it is indicative only, typically optimistic.
   */
  standardError: number;
  k: number;
  n: number;
  /** Threads that computed the neighbour counts (1 = in-thread). */
  threads: number;
}

/** Rows from which `workers: 'auto'` starts using worker threads. */
export const KSG_PARALLEL_FROM = 5000;
const MAX_AUTO_WORKERS = 8;
const Z95 = 1.959963984540054;

/**
 * The Kraskov-Stögbauer-Grassberger estimator of I(x; z) (Phys. Rev. E 69, 066138, 2004),
 * algorithm 1 with the max-norm in the joint and in each marginal space:
 *
 *   Î = ψ(k) + ψ(n) − ⟨ψ(n_x(i) + 1) + ψ(n_z(i) + 1)⟩,
 *
 * where ε(i)/2 is the distance from point i to its k-th neighbour in the joint space and n_x(i)
 * (n_z(i)) counts the points strictly closer than ε(i)/2 to it in x (z). Units: nats.
 *
 * Exact neighbour counts from KD-trees (low dimension) or a bit-sliced box filter (high
 * dimension); n = 10,000 rows of 20 + 20 dimensions take about a second on two threads.
 * See `KsgOptions` for threading and the tie-breaking jitter. Returns the raw estimate (no
 * clipping at 0); the interval comes from the per-point spread (see `KsgResult.standardError`).
 */
export async function ksg(
  x: MatrixInput,
  z: MatrixInput,
  options: KsgOptions = {},
): Promise<KsgResult> {
  const { workers = 'auto' } = options;
  assertArgument(
    workers === 'auto' || (Number.isInteger(workers) && workers >= 1),
    'workers',
    () => `must be 'auto' or an integer >= 1, got ${workers}`,
  );
  const job = prepare(x, z, options, true);
  let threads = workers === 'auto' ? (job.n >= KSG_PARALLEL_FROM ? MAX_AUTO_WORKERS : 1) : workers;
  threads = Math.min(threads, job.n);
  let counts: KsgCountsResult | undefined;
  if (threads > 1) {
    const node = await loadNodeThreads();
    if (node) {
      if (workers === 'auto') threads = Math.min(threads, node.cores);
      if (threads > 1) counts = await countsInWorkers(job, threads, node);
    }
  }
  return finish(counts ?? countsInThread(job), job);
}

/**
 * `ksg` computed synchronously in the calling thread (no workers): for small n, or where
 * blocking is fine. Same result as `ksg` for the same options.
 */
export function ksgSync(
  x: MatrixInput,
  z: MatrixInput,
  options: Omit<KsgOptions, 'workers'> = {},
): KsgResult {
  const job = prepare(x, z, options, false);
  return finish(countsInThread(job), job);
}

function prepare(x: MatrixInput, z: MatrixInput, options: KsgOptions, shared: boolean): KsgJob {
  const { k = 3, seed = 0, noise = 1e-10 } = options;
  const xm = toMatrix(x, 'x');
  const zm = toMatrix(z, 'z');
  assertSameRows(xm, zm);
  const n = xm.rows;
  assertArgument(Number.isInteger(k) && k >= 1, 'k', () => `must be an integer >= 1, got ${k}`);
  assertArgument(k < n, 'k', () => `must be smaller than the number of rows (${n}), got ${k}`);
  assertArgument(
    Number.isFinite(noise) && noise >= 0,
    'noise',
    () => `must be a finite number >= 0, got ${noise}`,
  );
  assertArgument(Number.isFinite(seed), 'seed', () => `must be a finite number, got ${seed}`);
  const dx = xm.cols;
  const dz = zm.cols;
  const d = dx + dz;
  assertResolvedColumns(xm, 'x');
  assertResolvedColumns(zm, 'z');
  // Joint rows [x | z], in shared memory when workers may read them.
  const bytes = n * d * Float64Array.BYTES_PER_ELEMENT;
  const data = new Float64Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dx; j++) data[i * d + j] = xm.data[i * dx + j]!;
    for (let j = 0; j < dz; j++) data[i * d + dx + j] = zm.data[i * dz + j]!;
  }
  scaleToUnit(data);
  addJitter(data, n, d, noise, seed);
  return { data, n, dx, dz, k, strategy: chooseKsgStrategy(n, d) };
}

/**
 * Multiplies every value by one power of two so that the largest |value| lies in [0.5, 1). Scaling
 * by a power of two is exact and the max-norm neighbourhoods scale with it, so the counts are
 * unchanged; it keeps every difference of two values finite (1e308 − (−1e308) would overflow) and
 * every distance a normal number (1e-300-scale data would otherwise round in subnormals).
 */
function scaleToUnit(data: Float64Array): void {
  let maxAbs = 0;
  for (let i = 0; i < data.length; i++) {
    const a = Math.abs(data[i]!);
    if (a > maxAbs) maxAbs = a;
  }
  if (maxAbs === 0) return;
  const shift = -Math.floor(Math.log2(maxAbs)) - 1;
  if (shift === 0) return;
  // 2^shift can lie outside the float64 range (shift up to 1075): apply it in two halves.
  const a = 2 ** Math.trunc(shift / 2);
  const b = 2 ** (shift - Math.trunc(shift / 2));
  for (let i = 0; i < data.length; i++) data[i] = data[i]! * a * b;
}

function finish(counts: KsgCountsResult, job: KsgJob): KsgResult {
  const { n, k } = job;
  const { nx, nz, threadIds } = counts;
  const terms = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const term = digamma(nx[i]! + 1) + digamma(nz[i]! + 1);
    terms[i] = term;
    sum += term;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (terms[i]! - mean) ** 2;
  const variance = n > 1 ? ss / (n - 1) : 0;
  const standardError = Math.sqrt(variance / n);
  const mi = digamma(k) + digamma(n) - mean;
  return {
    mi,
    ci: [mi - Z95 * standardError, mi + Z95 * standardError],
    standardError,
    k,
    n,
    threads: threadIds.length,
  };
}
