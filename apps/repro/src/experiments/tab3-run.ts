/**
 * One Table 3 run (Sec. 5.3, 8.1.5): train one Information Bottleneck model on MNIST with
 * @mine/ib, evaluate the Polyak-averaged classifier on test images after every epoch, and the
 * full test set at the end. Runs in a worker thread of the repro pool or in-thread; it
 * checkpoints to `task.checkpoint` so an interrupted run continues where it stopped.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { takeImages } from '@mine/datasets';
import { loadMnist } from '@mine/datasets/node';
import {
  decodeIbCheckpoint,
  encodeIbCheckpoint,
  type IbConfig,
  type IbModel,
  IbTrainer,
} from '@mine/ib';
import { writeFileAtomic } from '@tools/plot';
import { readFinishedRun, writeFinishedRun } from '../lib/finished-run.js';

/** What every run is given explicitly. */
export interface Tab3Settings {
  /** Width multiplier of every network (1 = Alemi et al.'s 1024-1024, K = 256, T 512-512). */
  width: number;
  /** Training images used (the first ones of the 60,000). */
  trainImages: number;
  epochs: number;
  beta: number;
  batchSize: number;
  polyakDecay: number;
  /** Test images of the per-epoch curve (the first ones), and z samples averaged there. */
  curveTestImages: number;
  curveSamples: number;
  /** Test images of the final evaluation (the first ones; 10,000 is the whole test set). */
  testImages: number;
  /** z samples averaged per image in the final evaluation. */
  testSamples: number;
  logEvery: number;
  /** Checkpoint every this many iterations (and after every epoch); 0: after epochs only. */
  checkpointEvery: number;
}

export interface Tab3Task {
  id: number;
  model: IbModel;
  seed: number;
  settings: Tab3Settings;
  /** Checkpoint file: resumed from when present, removed when the run finishes. */
  checkpoint: string;
  /** The finished run's file: returned as it is when it holds a run of the same settings. */
  result: string;
}

export interface Tab3EpochRow {
  epoch: number;
  /** Misclassification rate on the curve's test images (Polyak weights, averaged softmax). */
  testError: number;
  /** Mean KL(q(z|x) ‖ N(0, I)) on those images (Gaussian encoders), nats. */
  kl: number | null;
  /** The statistics network's DV read-out of I(X; Z) on those images (MINE models), nats. */
  mine: number | null;
  /** Last logged training cross-entropy, nats. */
  crossEntropy: number;
  /** Training seconds of this epoch (without evaluation). */
  seconds: number;
}

export interface Tab3RunResult {
  id: number;
  model: IbModel;
  seed: number;
  epochs: number;
  /** On the `testImages` first test images (all 10,000 in the profiles) with `testSamples` samples. */
  testError: number;
  kl: number | null;
  mine: number | null;
  /** Per test image: 1 when misclassified (McNemar pairs). */
  wrong: Uint8Array;
  /** Training seconds over all epochs (resumed parts included), and per epoch. */
  trainSeconds: number;
  secondsPerEpoch: number;
  /** Seconds of the final evaluation. */
  evalSeconds: number;
  /** Epochs done before this process started (from a checkpoint). */
  resumedFromEpoch: number;
  history: Tab3EpochRow[];
  backend: string;
}

/** The trainer options of a run: the paper's (IB_DEFAULTS) with the profile's width and β. */
export function ibConfigOf(task: Tab3Task): Partial<IbConfig> & { model: IbModel } {
  const { width, beta, batchSize, polyakDecay } = task.settings;
  const scale = (n: number) => Math.max(1, Math.round(n * width));
  return {
    model: task.model,
    beta,
    batchSize,
    polyakDecay,
    hidden: [scale(1024), scale(1024)],
    bottleneck: scale(256),
    propagatedNoiseDim: scale(256),
    statisticsHidden: [scale(512), scale(512)],
    testSamples: task.settings.testSamples,
    seed: task.seed,
  };
}

/** Side file of a checkpoint: the per-epoch history and seconds so far. */
interface Progress {
  history: Tab3EpochRow[];
  trainSeconds: number;
}

/** Runs one task, or returns its finished run from `task.result` (same settings). */
export async function runTab3Task(task: Tab3Task, backend: string): Promise<Tab3RunResult> {
  const finished = await readRun(task.result, task.settings);
  if (finished) return { ...finished, id: task.id };
  const result = await trainRun(task, backend);
  await writeFinishedRun(task.result, task.settings, {
    ...result,
    wrong: Buffer.from(result.wrong).toString('base64'),
  });
  return result;
}

/** The run file's form of a run: its wrong-answer bytes as base64. */
type SavedRun = Omit<Tab3RunResult, 'wrong'> & { wrong: string };

async function readRun(path: string, settings: Tab3Settings): Promise<Tab3RunResult | null> {
  const saved = await readFinishedRun<SavedRun>(path, settings);
  return saved && { ...saved, wrong: new Uint8Array(Buffer.from(saved.wrong, 'base64')) };
}

async function trainRun(task: Tab3Task, backend: string): Promise<Tab3RunResult> {
  const s = task.settings;
  const [fullTrain, test] = await Promise.all([
    loadMnist({ split: 'train' }),
    loadMnist({ split: 'test' }),
  ]);
  const train = takeImages(fullTrain, s.trainImages);
  const curve = takeImages(test, s.curveTestImages);
  const finalTest = takeImages(test, s.testImages);
  const trainer = new IbTrainer({ ...ibConfigOf(task), train });
  const progressPath = `${task.checkpoint}.progress.json`;
  let progress: Progress = { history: [], trainSeconds: 0 };
  try {
    if (existsSync(task.checkpoint) && existsSync(progressPath)) {
      try {
        await trainer.restore(decodeIbCheckpoint(new Uint8Array(await readFile(task.checkpoint))));
        progress = JSON.parse(await readFile(progressPath, 'utf8')) as Progress;
        progress.history = progress.history.filter((h) => h.epoch <= trainer.epoch);
      } catch {
        // A checkpoint of other settings (or a damaged one): start over.
        await trainer.restore(await freshState(task, train));
        progress = { history: [], trainSeconds: 0 };
      }
    }
    const resumedFromEpoch = trainer.epoch;
    const save = async () => {
      await writeFileAtomic(task.checkpoint, encodeIbCheckpoint(await trainer.checkpoint()));
      await writeFileAtomic(progressPath, JSON.stringify(progress));
    };
    let epochStarted = performance.now();
    let crossEntropy = Number.NaN;
    await trainer.fit({
      epochs: s.epochs,
      logEvery: s.logEvery,
      onStep: (log) => {
        crossEntropy = log.crossEntropy;
      },
      ...(s.checkpointEvery > 0
        ? { checkpointEvery: s.checkpointEvery, onCheckpoint: async () => save() }
        : {}),
      onEpoch: async (epoch) => {
        const seconds = (performance.now() - epochStarted) / 1000;
        progress.trainSeconds += seconds;
        const e = await trainer.evaluate(curve, { samples: s.curveSamples, seed: 7 });
        progress.history.push({
          epoch,
          testError: e.error,
          kl: e.kl,
          mine: e.mine,
          crossEntropy,
          seconds,
        });
        await save();
        epochStarted = performance.now();
      },
    });
    const evalStarted = performance.now();
    const final = await trainer.evaluate(finalTest, { samples: s.testSamples, seed: 11 });
    const evalSeconds = (performance.now() - evalStarted) / 1000;
    await rm(task.checkpoint, { force: true });
    await rm(progressPath, { force: true });
    return {
      id: task.id,
      model: task.model,
      seed: task.seed,
      epochs: trainer.epoch,
      testError: final.error,
      kl: final.kl,
      mine: final.mine,
      wrong: final.wrong,
      trainSeconds: progress.trainSeconds,
      secondsPerEpoch: progress.trainSeconds / Math.max(1, trainer.epoch),
      evalSeconds,
      resumedFromEpoch,
      history: progress.history,
      backend,
    };
  } finally {
    trainer.dispose();
  }
}

/** The initial state of a run (a fresh trainer's checkpoint), to undo a failed restore. */
async function freshState(task: Tab3Task, train: Parameters<typeof takeImages>[0]) {
  const fresh = new IbTrainer({ ...ibConfigOf(task), train });
  try {
    return await fresh.checkpoint();
  } finally {
    fresh.dispose();
  }
}
