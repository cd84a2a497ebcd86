/**
 * Shared by Fig. 3 (spiral) and Fig. 4 (25 Gaussians), Sec. 5.1 / 8.1.2: one GAN (β = 0) or
 * GAN+MINE (β = 1) training run per task, run in worker threads (one wasm engine per core), with
 * periodic checkpoints so an interrupted paper-profile run resumes where it stopped.
 */

import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { selectBackend } from '@mine/core/backend';
import { type PointSet, spiral, twentyFiveGaussians } from '@mine/datasets';
import { type CodePrior, type GanConfig, GanTrainer, type StepLog } from '@mine/gan';
import { loadCheckpoint, saveCheckpoint } from '@mine/gan/node';
import { startTsWorker, threadsPerWorker } from '../lib/pool.js';

export const MODELS = ['gan', 'ganMine'] as const;
export type GanModel = (typeof MODELS)[number];
export const MODEL_LABEL: Record<GanModel, string> = { gan: 'GAN', ganMine: 'GAN+MINE' };

/** A toy data set described by plain data, so it can cross into a worker thread. */
export type ToyDataset =
  | { kind: 'twenty-five-gaussians'; std: number; spacing: number }
  | { kind: 'spiral'; noise: number };

/** Everything a run is given explicitly (nothing is left to the library defaults). */
export interface GanSettings {
  iterations: number;
  batchSize: number;
  learningRate: number;
  /** β of GAN+MINE (the GAN baseline always has β = 0). */
  beta: number;
  noiseDim: number;
  /** Distribution of the code c of GAN+MINE (the GAN baseline draws its input the same way). */
  codePrior: CodePrior;
  /** Clip GAN+MINE's MI gradient to the adversarial norm (Eq. 21). */
  adaptiveClipping: boolean;
  /** Train a statistics network for the GAN baseline too, to log its I(G; c). */
  monitorMutualInformation: boolean;
  generatorHidden: number[];
  discriminatorHidden: number[];
  statisticsHidden: number[];
  /** Rows of the fixed training set (Sec. 8.1.2: 100,000), drawn with seed 0 for every run. */
  datasetSize: number;
  /** Generated samples for the metrics and plots (evaluation-mode generator). */
  evalSamples: number;
  /** Record the training diagnostics every this many iterations. */
  logEvery: number;
  /** Save a checkpoint every this many iterations; 0 never. */
  checkpointEvery: number;
}

export interface GanTask {
  id: number;
  dataset: ToyDataset;
  model: GanModel;
  seed: number;
  settings: GanSettings;
  /** Checkpoint file of this run: resumed from when present, removed when the run finishes. */
  checkpoint?: string;
}

export interface GanTaskResult {
  id: number;
  /** Evaluation samples, row-major [evalSamples, 2]. */
  points: Float32Array;
  /** Wall seconds of this process's share of the training (excluding a resumed part). */
  seconds: number;
  /** Iterations done before this process started (from a checkpoint), else 0. */
  resumedFrom: number;
  /** Training diagnostics every `logEvery` iterations. */
  history: StepLog[];
  /** The statistics network's DV bound on I(G(ε, c); c) on the evaluation samples (GAN+MINE). */
  mutualInformation: number | null;
  backend: string;
}

/** The point set of a spec (the metrics need its modes / curve too). */
export function pointSetOf(spec: ToyDataset): PointSet {
  return spec.kind === 'spiral'
    ? spiral({ noise: spec.noise })
    : twentyFiveGaussians({ std: spec.std, spacing: spec.spacing });
}

/** The seed of a run's evaluation samples (fixed per run seed, independent of training). */
export const evalSeed = (seed: number) => 1_000_003 + seed;

export function ganConfigOf(task: GanTask): Omit<GanConfig, 'dataDim'> {
  const s = task.settings;
  return {
    beta: task.model === 'gan' ? 0 : s.beta,
    noiseDim: s.noiseDim,
    codePrior: s.codePrior,
    batchSize: s.batchSize,
    learningRate: s.learningRate,
    adamBeta1: 0.5,
    adamBeta2: 0.999,
    emaDecay: 0.99,
    adaptiveClipping: s.adaptiveClipping,
    monitorMutualInformation: s.monitorMutualInformation,
    generatorHidden: s.generatorHidden,
    discriminatorHidden: s.discriminatorHidden,
    statisticsHidden: s.statisticsHidden,
    weightInit: { normalStd: 0.02 },
    seed: task.seed,
  };
}

/** Runs one task on the backend already selected in this thread. */
export async function runGanTask(task: GanTask, backend: string): Promise<GanTaskResult> {
  const set = pointSetOf(task.dataset);
  const data = set.dataset(task.settings.datasetSize, 0);
  const config: GanConfig = { ...ganConfigOf(task), dataDim: set.dim };
  let trainer: GanTrainer | undefined;
  if (task.checkpoint && existsSync(task.checkpoint)) {
    const saved = await loadCheckpoint<GanConfig>(task.checkpoint);
    // Resume only a run of the same configuration; anything else starts afresh.
    if (sameConfig(saved.config, config)) {
      trainer = await GanTrainer.restore(saved, { data });
    }
  }
  trainer ??= new GanTrainer({ ...config, data });
  const resumedFrom = trainer.step;
  const history: StepLog[] = [];
  const started = performance.now();
  try {
    const path = task.checkpoint;
    await trainer.train({
      iterations: task.settings.iterations,
      logEvery: task.settings.logEvery,
      onStep: (log) => {
        history.push(log);
      },
      ...(path && task.settings.checkpointEvery > 0
        ? {
            checkpointEvery: task.settings.checkpointEvery,
            onCheckpoint: (checkpoint) => saveCheckpoint(path, checkpoint),
          }
        : {}),
    });
    const seconds = (performance.now() - started) / 1000;
    const n = task.settings.evalSamples;
    const { points } = await trainer.sample(n, evalSeed(task.seed));
    const mutualInformation = await trainer.mutualInformation(n, evalSeed(task.seed) + 1);
    if (path) await rm(path, { force: true });
    return { id: task.id, points, seconds, resumedFrom, history, mutualInformation, backend };
  } finally {
    trainer.dispose();
  }
}

/** true when a saved config has every option of `config` with the same value. */
function sameConfig(saved: GanConfig, config: GanConfig): boolean {
  return Object.entries(config).every(
    ([key, value]) =>
      JSON.stringify((saved as unknown as Record<string, unknown>)[key]) === JSON.stringify(value),
  );
}

export type GanWorkerRequest = { type: 'task'; task: GanTask };
export type GanWorkerReply =
  | { type: 'ready'; backend: string }
  | { type: 'result'; result: GanTaskResult }
  | { type: 'error'; id: number; message: string; stack?: string };

export interface GanPoolOptions {
  /** Worker threads; 0 runs every task in this thread. @default os.availableParallelism() */
  workers?: number;
  /** @default 'auto' */
  backend?: string;
  onResult?: (result: GanTaskResult, task: GanTask) => void;
}

/**
 * Runs independent GAN runs on worker threads (each its own tfjs engine), handing the next task
 * to whichever worker is free. Rejects on the first failure.
 */
export async function runGanTasks(
  tasks: readonly GanTask[],
  options: GanPoolOptions = {},
): Promise<{ results: GanTaskResult[]; backend: string; workers: number }> {
  const requested = options.backend ?? 'auto';
  const count = Math.min(options.workers ?? availableParallelism(), tasks.length);
  const results: GanTaskResult[] = new Array(tasks.length);
  const index = new Map(tasks.map((t, i) => [t.id, i]));
  if (count <= 0) {
    const backend = await selectBackend(requested, { quiet: true });
    for (const [i, task] of tasks.entries()) {
      results[i] = await runGanTask(task, backend);
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
        worker.postMessage({ type: 'task', task: tasks[next++]! } satisfies GanWorkerRequest);
      };
      for (let w = 0; w < count; w++) {
        const worker = startTsWorker(
          new URL('./fig34-worker.ts', import.meta.url),
          { backend: requested },
          threadsPerWorker(count),
        );
        workers.push(worker);
        worker.on('message', (reply: GanWorkerReply) => {
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
            const error = new Error(`GAN run ${reply.id} failed in a worker: ${reply.message}`);
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
