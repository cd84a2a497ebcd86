/**
 * One Table 2 run (Sec. 5.2, 8.1.4): train one bidirectional model (ALI, ALICE(l2), ALICE(adv) or
 * ALI+MINE) on MNIST with @mine/ali, then score its reconstructions G(E(x)) of the test images:
 * Euclidean error on the [−1, 1] scale, accuracy under the shared digit classifier, MS-SSIM.
 * Runs in a worker thread of the repro pool or in-thread; it checkpoints to `task.checkpoint` so
 * an interrupted run continues where it stopped.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import {
  type AliConfig,
  type AliModel,
  AliTrainer,
  decodeAliCheckpoint,
  encodeAliCheckpoint,
} from '@mine/ali';
import { gatherPixels, type ImageSet, takeImages } from '@mine/datasets';
import { loadMnist } from '@mine/datasets/node';
import { msSsim, reconstructionAccuracy, reconstructionError } from '@mine/metrics';
import { predictClasses } from '@mine/nets/classifier';
import * as tf from '@tensorflow/tfjs-core';
import { writeFileAtomic } from '@tools/plot';
import { loadClassifier } from '../lib/classifier-cache.js';
import { readFinishedRun, writeFinishedRun } from '../lib/finished-run.js';

/** What every run is given explicitly. */
export interface Tab2Settings {
  /** Width multiplier of every network (1 = Tables 7-10). */
  width: number;
  /** Dimension of the code z and of the encoder's noise ε (Tables 7-8: 128). */
  codeDim: number;
  iterations: number;
  batchSize: number;
  learningRate: number;
  /** The discriminators' Adam learning rate (the paper: the same as the others'). */
  discriminatorLearningRate: number;
  /** β of ALI+MINE and λ of ALICE. */
  beta: number;
  lambda: number;
  /** Training images used (the first ones of the 60,000). */
  trainImages: number;
  /** Test images scored (the first ones; 10,000 is the whole test set). */
  testImages: number;
  logEvery: number;
  /** Checkpoint every this many iterations; 0: never. */
  checkpointEvery: number;
  /** Folder of the cached digit classifier (`pnpm repro classifier`). */
  classifierDir: string;
}

export interface Tab2Task {
  id: number;
  model: AliModel;
  seed: number;
  settings: Tab2Settings;
  /** Checkpoint file: resumed from when present, removed when the run finishes. */
  checkpoint: string;
  /** The finished run's file: returned as it is when it holds a run of the same settings. */
  result: string;
}

export interface Tab2LogRow {
  step: number;
  discriminatorLoss: number;
  generatorLoss: number;
  reconstructionLoss: number | null;
  mutualInformation: number | null;
}

export interface Tab2RunResult {
  id: number;
  model: AliModel;
  seed: number;
  iterations: number;
  /** Mean ‖x − G(E(x))‖₂ over the test images, [−1, 1] scale. */
  reconError: number;
  /** Share of test images whose reconstruction the digit classifier puts in the image's own class. */
  reconAccuracy: number;
  /** Mean MS-SSIM (3 scales, see @mine/metrics) between the test images and their reconstructions. */
  msSsim: number;
  /** Training seconds (resumed parts included) and per iteration. */
  trainSeconds: number;
  secondsPerIteration: number;
  evalSeconds: number;
  /** Iterations done before this process started (from a checkpoint). */
  resumedFromIteration: number;
  history: Tab2LogRow[];
  /** Reconstructions of the figure's test images and 10 prior samples, pixels 0..255. */
  figure: { reconstructions: number[]; samples: number[] };
  backend: string;
}

/** The trainer options of a run: the paper's (ALI_DEFAULTS) with the profile's sizes. */
export function aliConfigOf(task: Tab2Task): Partial<AliConfig> & { model: AliModel } {
  const s = task.settings;
  return {
    model: task.model,
    width: s.width,
    codeDim: s.codeDim,
    noiseDim: s.codeDim,
    batchSize: s.batchSize,
    learningRate: s.learningRate,
    discriminatorLearningRate: s.discriminatorLearningRate,
    beta: s.beta,
    lambda: s.lambda,
    seed: task.seed,
  };
}

/** Side file of a checkpoint: the history and seconds so far. */
interface Progress {
  history: Tab2LogRow[];
  trainSeconds: number;
}

/** Runs one task, or returns its finished run from `task.result` (same settings). */
export async function runTab2Task(task: Tab2Task, backend: string): Promise<Tab2RunResult> {
  const finished = await readFinishedRun<Tab2RunResult>(task.result, task.settings);
  if (finished) return { ...finished, id: task.id };
  const result = await trainRun(task, backend);
  await writeFinishedRun(task.result, task.settings, result);
  return result;
}

async function trainRun(task: Tab2Task, backend: string): Promise<Tab2RunResult> {
  const s = task.settings;
  const classifier = await loadClassifier(s.classifierDir);
  if (!classifier.model) {
    throw new Error(
      `the digit classifier is not usable (${classifier.reason}); train it with \`pnpm repro classifier\``,
    );
  }
  const [fullTrain, fullTest] = await Promise.all([
    loadMnist({ split: 'train' }),
    loadMnist({ split: 'test' }),
  ]);
  const train = takeImages(fullTrain, s.trainImages);
  const test = takeImages(fullTest, s.testImages);
  let trainer = new AliTrainer({ ...aliConfigOf(task), train });
  const progressPath = `${task.checkpoint}.progress.json`;
  let progress: Progress = { history: [], trainSeconds: 0 };
  try {
    if (existsSync(task.checkpoint) && existsSync(progressPath)) {
      try {
        const restored = await AliTrainer.restore(
          decodeAliCheckpoint(new Uint8Array(await readFile(task.checkpoint))),
          { train },
        );
        trainer.dispose();
        trainer = restored;
        progress = JSON.parse(await readFile(progressPath, 'utf8')) as Progress;
        progress.history = progress.history.filter((h) => h.step <= trainer.step);
      } catch {
        // A checkpoint of other settings (or a damaged one): start over with the fresh trainer.
        progress = { history: [], trainSeconds: 0 };
      }
    }
    const resumedFromIteration = trainer.step;
    let started = performance.now();
    const save = async () => {
      const now = performance.now();
      progress.trainSeconds += (now - started) / 1000;
      started = now;
      await writeFileAtomic(task.checkpoint, encodeAliCheckpoint(await trainer.checkpoint()));
      await writeFileAtomic(progressPath, JSON.stringify(progress));
    };
    await trainer.fit({
      iterations: s.iterations,
      logEvery: s.logEvery,
      onStep: (log) => {
        progress.history.push({
          step: log.step,
          discriminatorLoss: log.discriminatorLoss,
          generatorLoss: log.generatorLoss,
          reconstructionLoss: log.reconstructionLoss,
          mutualInformation: log.mutualInformation,
        });
      },
      ...(s.checkpointEvery > 0
        ? { checkpointEvery: s.checkpointEvery, onCheckpoint: async () => save() }
        : {}),
    });
    progress.trainSeconds += (performance.now() - started) / 1000;

    const evalStarted = performance.now();
    const metrics = await score(trainer, test, classifier.model, task.seed);
    const shown = figureImages(fullTest);
    const figure = {
      reconstructions: toBytes(
        await trainer.reconstruct(gatherPixels(fullTest, shown, [-1, 1]), 13),
      ),
      samples: toBytes(await trainer.sample(shown.length, 17)),
    };
    const evalSeconds = (performance.now() - evalStarted) / 1000;
    await rm(task.checkpoint, { force: true });
    await rm(progressPath, { force: true });
    return {
      id: task.id,
      model: task.model,
      seed: task.seed,
      iterations: trainer.step,
      ...metrics,
      trainSeconds: progress.trainSeconds,
      secondsPerIteration: progress.trainSeconds / Math.max(1, trainer.step),
      evalSeconds,
      resumedFromIteration,
      history: progress.history,
      figure,
      backend,
    };
  } finally {
    trainer.dispose();
    classifier.model.dispose();
  }
}

/** Table 2's three numbers on `test`, reconstructions in evaluation mode. */
async function score(
  trainer: AliTrainer,
  test: ImageSet,
  classifier: Parameters<typeof predictClasses>[0],
  seed: number,
): Promise<{ reconError: number; reconAccuracy: number; msSsim: number }> {
  const all = Array.from({ length: test.count }, (_, i) => i);
  const x = gatherPixels(test, all, [-1, 1]);
  const xHat = await trainer.reconstruct(x, 1000 + seed);
  const side = test.height;
  // The classifier reads [0, 1] pixels.
  const classify = async (images: Float32Array) => {
    const t = tf.tidy(() =>
      tf.div(tf.add(tf.tensor4d(images, [test.count, side, side, 1]), 1), 2),
    ) as tf.Tensor4D;
    try {
      return await predictClasses(classifier, t);
    } finally {
      t.dispose();
    }
  };
  return {
    reconError: reconstructionError(x, xHat, side * side),
    reconAccuracy: reconstructionAccuracy(await classify(x), await classify(xHat)),
    msSsim: msSsim(x, xHat, { height: side, width: side }).mean,
  };
}

/** The figure's test images: the first of each class in the test set, in class order. */
export function figureImages(test: ImageSet): number[] {
  const first = new Map<number, number>();
  for (let i = 0; i < test.count && first.size < test.classes; i++) {
    if (!first.has(test.labels[i]!)) first.set(test.labels[i]!, i);
  }
  return [...first.entries()].sort((a, b) => a[0] - b[0]).map(([, i]) => i);
}

/** [−1, 1] pixels as bytes 0..255. */
function toBytes(values: Float32Array): number[] {
  return Array.from(values, (v) => Math.max(0, Math.min(255, Math.round(((v + 1) / 2) * 255))));
}
