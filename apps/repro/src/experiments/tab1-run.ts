/**
 * One Table 1 run (Sec. 5.1, 8.1.3): train a DCGAN or GAN+MINE on Stacked MNIST with @mine/gan's
 * `GanTrainer` (Tables 4-6 at the profile's width), then score samples from fixed z with the
 * shared digit classifier (modes and KL); or, for the data's own row, score real Stacked-MNIST
 * samples the same way. Runs in a worker thread of the repro pool or in-thread; GAN runs
 * checkpoint to `task.checkpoint` and continue from it, and a finished run is kept in
 * `task.result` and reused when its settings match.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { gatherPixels, type ImageSet, stackedMnist } from '@mine/datasets';
import { loadMnist } from '@mine/datasets/node';
import { type CodePrior, type GanConfig, GanTrainer } from '@mine/gan';
import { loadCheckpoint, saveCheckpoint } from '@mine/gan/node';
import { writeFileAtomic } from '@tools/plot';
import { defaultClassifierDir, loadClassifier } from '../lib/classifier-cache.js';
import { readFinishedRun, writeFinishedRun } from '../lib/finished-run.js';
import { scoreStacked } from '../lib/stacked-score.js';
import { sameConfig } from './fig34-gan.js';

export const TAB1_MODELS = ['dcgan', 'ganMine', 'data'] as const;
/** The two generators and the data's own row. */
export type Tab1Model = (typeof TAB1_MODELS)[number];

/** Everything a run is given explicitly (nothing is left to the library defaults). */
export interface Tab1Settings {
  /** Width multiplier of the generator, discriminator and statistics network (1: Tables 4-6). */
  width: number;
  /** Stacked-MNIST training images, built from MNIST's training digits with seed 0. */
  trainImages: number;
  iterations: number;
  batchSize: number;
  /** Adam's learning rate (β1 0.5) of all three networks. */
  learningRate: number;
  /** β of GAN+MINE (the DCGAN has β = 0). */
  beta: number;
  /** Columns of the noise ε ~ U(−1, 1); the prior z = [ε, c] has noiseDim + codeWidth columns. */
  noiseDim: number;
  /** The code c (both models get the same input z). */
  codePrior: CodePrior;
  /** Generator steps per discriminator step. */
  generatorSteps: number;
  /** Samples scored per run (from fixed z) and real samples scored for the data row. */
  evalSamples: number;
  /** Samples of GAN+MINE's read-out of I(G(z); c). */
  miSamples: number;
  /** Samples kept for the sample grid. */
  gridSamples: number;
  logEvery: number;
  /** Save a checkpoint every this many iterations; 0 never. */
  checkpointEvery: number;
}

export interface Tab1Task {
  id: number;
  model: Tab1Model;
  seed: number;
  settings: Tab1Settings;
  /** Checkpoint file of a GAN run: resumed from when present, removed when the run finishes. */
  checkpoint: string;
  /** The finished run's file: returned as it is when it holds a run of the same settings. */
  result: string;
}

/** A thinned training log line. */
export interface Tab1LogRow {
  step: number;
  discriminatorLoss: number;
  generatorLoss: number;
  mutualInformation: number | null;
}

export interface Tab1RunResult {
  id: number;
  model: Tab1Model;
  seed: number;
  /** Distinct label triples among the scored samples (of 1,000). */
  modes: number;
  /** KL(mode histogram ‖ uniform over 1,000), nats. */
  kl: number;
  /** Samples per mode, index 100·r + 10·g + b. */
  counts: number[];
  samples: number;
  /** Training iterations (0 for the data row). */
  iterations: number;
  /** Training seconds over all parts of the run (resumed parts included). */
  trainSeconds: number;
  secondsPerIteration: number;
  /** Seconds of sampling and scoring. */
  evalSeconds: number;
  /** Iterations done before this process started (from a checkpoint). */
  resumedFrom: number;
  /** GAN+MINE's statistics-network read-out of I(G(z); c) on fresh samples, nats. */
  mutualInformation: number | null;
  /** The first `gridSamples` samples as bytes [n, 28, 28, 3]. */
  grid: Uint8Array;
  history: Tab1LogRow[];
  backend: string;
}

/** The seed of a run's evaluation z (and of the data row's real samples). */
export const evalSeed = (seed: number) => 1_000_003 + seed;

/** The trainer options of a GAN run. */
export function ganConfigOf(task: Tab1Task): Omit<GanConfig, 'dataDim'> {
  const s = task.settings;
  return {
    architecture: 'dcgan',
    width: s.width,
    beta: task.model === 'ganMine' ? s.beta : 0,
    noiseDim: s.noiseDim,
    noise: 'uniform',
    codePrior: s.codePrior,
    batchSize: s.batchSize,
    learningRate: s.learningRate,
    adamBeta1: 0.5,
    adamBeta2: 0.999,
    emaDecay: 0.99,
    generatorSteps: s.generatorSteps,
    adaptiveClipping: true,
    monitorMutualInformation: false,
    generatorHidden: [],
    discriminatorHidden: [],
    statisticsHidden: [],
    weightInit: { normalStd: 0.02 },
    seed: task.seed,
  };
}

/** Runs one task, or returns its finished run from `task.result` (same settings). */
export async function runTab1Task(task: Tab1Task, backend: string): Promise<Tab1RunResult> {
  const finished = await readRun(task.result, task.settings);
  if (finished) return { ...finished, id: task.id };
  const loaded = await loadClassifier(defaultClassifierDir());
  if (!loaded.model) {
    throw new Error(
      `the digit classifier is not available (${loaded.reason}); run \`pnpm repro classifier\` first`,
    );
  }
  const classifier = loaded.model;
  try {
    const mnist = await loadMnist({ split: 'train' });
    const result =
      task.model === 'data'
        ? await scoreData(task, mnist, classifier, backend)
        : await trainRun(task, mnist, classifier, backend);
    await writeFinishedRun(task.result, task.settings, {
      ...result,
      grid: Buffer.from(result.grid).toString('base64'),
    });
    return result;
  } finally {
    classifier.dispose();
  }
}

type Classifier = NonNullable<Awaited<ReturnType<typeof loadClassifier>>['model']>;

/** The data's own row: `evalSamples` fresh Stacked-MNIST images scored like generated ones. */
async function scoreData(
  task: Tab1Task,
  mnist: ImageSet,
  classifier: Classifier,
  backend: string,
): Promise<Tab1RunResult> {
  const started = performance.now();
  const n = task.settings.evalSamples;
  const real = stackedMnist(mnist, { count: n, seed: evalSeed(task.seed) });
  const pixels = gatherPixels(
    real,
    Array.from({ length: n }, (_, i) => i),
    [-1, 1],
  );
  const score = await scoreStacked(classifier, pixels, n);
  return {
    id: task.id,
    model: 'data',
    seed: task.seed,
    modes: score.modes,
    kl: score.kl,
    counts: Array.from(score.counts),
    samples: n,
    iterations: 0,
    trainSeconds: 0,
    secondsPerIteration: 0,
    evalSeconds: (performance.now() - started) / 1000,
    resumedFrom: 0,
    mutualInformation: null,
    grid: gridBytes(pixels, Math.min(n, task.settings.gridSamples)),
    history: [],
    backend,
  };
}

/** Side file of a checkpoint: the training seconds and log so far. */
interface Progress {
  trainSeconds: number;
  history: Tab1LogRow[];
}

async function trainRun(
  task: Tab1Task,
  mnist: ImageSet,
  classifier: Classifier,
  backend: string,
): Promise<Tab1RunResult> {
  const s = task.settings;
  const images = stackedMnist(mnist, { count: s.trainImages, seed: 0 });
  const config: GanConfig = { ...ganConfigOf(task), dataDim: 28 * 28 * 3 };
  const progressPath = `${task.checkpoint}.progress.json`;
  let trainer: GanTrainer | undefined;
  let progress: Progress = { trainSeconds: 0, history: [] };
  if (s.checkpointEvery > 0 && existsSync(task.checkpoint) && existsSync(progressPath)) {
    try {
      const saved = await loadCheckpoint<GanConfig>(task.checkpoint);
      // Resume only a run of the same configuration; anything else starts afresh.
      if (sameConfig(saved.config, config)) {
        trainer = await GanTrainer.restore(saved, { images });
        progress = JSON.parse(await readFile(progressPath, 'utf8')) as Progress;
        progress.history = progress.history.filter((h) => h.step <= trainer!.step);
      }
    } catch {
      trainer?.dispose();
      trainer = undefined;
      progress = { trainSeconds: 0, history: [] };
    }
  }
  trainer ??= new GanTrainer({ ...config, images });
  const resumedFrom = trainer.step;
  try {
    let started = performance.now();
    const elapsed = () => {
      const now = performance.now();
      progress.trainSeconds += (now - started) / 1000;
      started = now;
    };
    await trainer.train({
      iterations: s.iterations,
      logEvery: s.logEvery,
      onStep: (log) => {
        progress.history.push({
          step: log.step,
          discriminatorLoss: log.discriminatorLoss,
          generatorLoss: log.generatorLoss,
          mutualInformation: log.mutualInformation,
        });
      },
      ...(s.checkpointEvery > 0
        ? {
            checkpointEvery: s.checkpointEvery,
            onCheckpoint: async (checkpoint) => {
              elapsed();
              await saveCheckpoint(task.checkpoint, checkpoint);
              await writeFileAtomic(progressPath, JSON.stringify(progress));
              started = performance.now();
            },
          }
        : {}),
    });
    elapsed();
    const evalStarted = performance.now();
    const n = s.evalSamples;
    const { points } = await trainer.sample(n, evalSeed(task.seed), { batchSize: 500 });
    const score = await scoreStacked(classifier, points, n);
    const mutualInformation =
      task.model === 'ganMine'
        ? await trainer.mutualInformation(s.miSamples, evalSeed(task.seed) + 1)
        : null;
    const evalSeconds = (performance.now() - evalStarted) / 1000;
    await rm(task.checkpoint, { force: true });
    await rm(progressPath, { force: true });
    return {
      id: task.id,
      model: task.model,
      seed: task.seed,
      modes: score.modes,
      kl: score.kl,
      counts: Array.from(score.counts),
      samples: n,
      iterations: trainer.step,
      trainSeconds: progress.trainSeconds,
      secondsPerIteration: trainer.step > 0 ? progress.trainSeconds / trainer.step : 0,
      evalSeconds,
      resumedFrom,
      mutualInformation,
      grid: gridBytes(points, Math.min(n, s.gridSamples)),
      history: progress.history,
      backend,
    };
  } finally {
    trainer.dispose();
  }
}

/** The first n images of [−1, 1] pixels as bytes. */
function gridBytes(pixels: Float32Array, n: number): Uint8Array {
  const size = 28 * 28 * 3;
  const out = new Uint8Array(n * size);
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.max(0, Math.min(255, Math.round(((pixels[i]! + 1) / 2) * 255)));
  }
  return out;
}

/** The run file's form of a run: its grid of sample bytes as base64. */
type SavedRun = Omit<Tab1RunResult, 'grid'> & { grid: string };

async function readRun(path: string, settings: Tab1Settings): Promise<Tab1RunResult | null> {
  const saved = await readFinishedRun<SavedRun>(path, settings);
  return saved && { ...saved, grid: new Uint8Array(Buffer.from(saved.grid, 'base64')) };
}
