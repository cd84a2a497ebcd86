/**
 * Shared by Fig. 3 (spiral) and Fig. 4 (25 Gaussians), Sec. 5.1 / 8.1.2: one GAN (β = 0) or
 * GAN+MINE (β = 1) training run per task, run in worker threads (one wasm engine per core), with
 * periodic checkpoints so an interrupted paper-profile run resumes where it stopped.
 */

import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { type PointSet, spiral, twentyFiveGaussians } from '@mine/datasets';
import { type CodePrior, type GanConfig, GanTrainer, type StepLog } from '@mine/gan';
import { loadCheckpoint, saveCheckpoint } from '@mine/gan/node';

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
  /** The ablation arm this run belongs to (`fig4 --ablation`). */
  arm?: string;
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
    architecture: 'mlp',
    width: 1,
    beta: task.model === 'gan' ? 0 : s.beta,
    noiseDim: s.noiseDim,
    noise: 'normal',
    codePrior: s.codePrior,
    batchSize: s.batchSize,
    learningRate: s.learningRate,
    adamBeta1: 0.5,
    adamBeta2: 0.999,
    emaDecay: 0.99,
    generatorSteps: 1,
    adaptiveClipping: s.adaptiveClipping,
    monitorMutualInformation: s.monitorMutualInformation,
    generatorHidden: s.generatorHidden,
    discriminatorHidden: s.discriminatorHidden,
    statisticsHidden: s.statisticsHidden,
    weightInit: { normalStd: 0.02 },
    seed: task.seed,
  };
}

/** Where the GAN runs happen (see `runTasks`). */
export const GAN_RUNNER = { module: new URL(import.meta.url), name: 'runGanTask' };

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
export function sameConfig(saved: GanConfig, config: GanConfig): boolean {
  return Object.entries(config).every(
    ([key, value]) =>
      JSON.stringify((saved as unknown as Record<string, unknown>)[key]) === JSON.stringify(value),
  );
}
