import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { decodeIbCheckpoint, encodeIbCheckpoint } from './checkpoint.js';
import { IB_MODELS, type IbModel } from './config.js';
import { type IbStepLog, IbTrainer, type IbTrainerOptions } from './ib-trainer.js';
import { templateImages } from './test-data.js';

// Tiny networks on 4x4 template images: every model trains in well under a second per epoch.
const train = templateImages(400, 1);
const test = templateImages(200, 2);
const tiny = (model: IbModel, extra: Partial<IbTrainerOptions> = {}): IbTrainer =>
  new IbTrainer({
    model,
    train,
    hidden: [32, 32],
    bottleneck: 8,
    propagatedNoiseDim: 4,
    statisticsHidden: [32, 32],
    batchSize: 50,
    learningRate: 3e-3,
    statisticsLearningRate: 3e-3,
    polyakDecay: 0.9,
    testSamples: 3,
    seed: 3,
    ...extra,
  });

async function logs(trainer: IbTrainer, epochs: number): Promise<IbStepLog[]> {
  const out: IbStepLog[] = [];
  await trainer.fit({ epochs, logEvery: 1, onStep: (l) => void out.push(l) });
  return out;
}

describe('IbTrainer', () => {
  it.each(
    IB_MODELS,
  )('%s: the loss falls on a small subset and the test error is low', async (model) => {
    const trainer = tiny(model);
    try {
      const history = await logs(trainer, 6);
      expect(history.length).toBe(6 * 8);
      const first = history.slice(0, 4).reduce((s, l) => s + l.crossEntropy, 0) / 4;
      const last = history.slice(-4).reduce((s, l) => s + l.crossEntropy, 0) / 4;
      expect(last).toBeLessThan(0.5 * first);
      const e = await trainer.evaluate(test);
      expect(e.error).toBeLessThan(0.1);
      expect(e.samples).toBe(model === 'deterministic' ? 1 : 3);
      expect(e.wrong.reduce((s, v) => s + v, 0)).toBe(Math.round(e.error * 200));
      expect(e.kl === null).toBe(!['dvb', 'mine-gaussian'].includes(model));
      expect(e.mine === null).toBe(!model.startsWith('mine-'));
      if (model === 'dvb') expect(history.at(-1)!.regularizer).toBe(history.at(-1)!.kl);
    } finally {
      trainer.dispose();
    }
  });

  it('with beta > 0 the estimated I(X; Z) ends lower than with beta = 0', async () => {
    // MINE(Gaussian) with a large beta on a short run: the KL upper bound and the MINE read-out
    // of I(X; Z) both end below those of the same run with beta = 0.
    const estimates = async (beta: number) => {
      const trainer = tiny('mine-gaussian', { beta, seed: 5 });
      try {
        await trainer.fit({ epochs: 8 });
        const e = await trainer.evaluate(test);
        return { kl: e.kl!, mine: e.mine! };
      } finally {
        trainer.dispose();
      }
    };
    const free = await estimates(0);
    const squeezed = await estimates(0.5);
    expect(squeezed.kl).toBeLessThan(free.kl);
    expect(squeezed.mine).toBeLessThan(free.mine);
  });

  it.each([
    'dvb',
    'mine-additive',
  ] as const)('%s: leaks no tensor across steps, epochs and evaluation', async (model) => {
    const trainer = tiny(model);
    try {
      await trainer.fit({ epochs: 1 });
      await trainer.evaluate(test);
      const before = tf.memory().numTensors;
      await trainer.fit({ epochs: 2, logEvery: 3, onStep: () => {} });
      await trainer.evaluate(test);
      const controller = new AbortController();
      const run = trainer.fit({
        epochs: 4,
        logEvery: 1,
        onStep: (l) => void (l.step === trainer.batchesPerEpoch * 2 + 3 && controller.abort()),
        signal: controller.signal,
      });
      expect((await run).aborted).toBe(true);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      trainer.dispose();
    }
  });

  it('resumes from a checkpoint bit for bit (mid-epoch, through the byte format)', async () => {
    const whole = tiny('mine-propagated');
    const first = tiny('mine-propagated');
    const second = tiny('mine-propagated');
    try {
      const wholeLogs = await logs(whole, 2);
      const controller = new AbortController();
      await first.fit({
        epochs: 2,
        logEvery: 1,
        onStep: (l) => void (l.step === 11 && controller.abort()),
        signal: controller.signal,
      });
      expect(first.step).toBe(11);
      const bytes = encodeIbCheckpoint(await first.checkpoint());
      await second.restore(decodeIbCheckpoint(bytes));
      const rest = await logs(second, 2);
      expect(rest.map((l) => l.loss)).toEqual(wholeLogs.slice(11).map((l) => l.loss));
      expect(rest.map((l) => l.mine)).toEqual(wholeLogs.slice(11).map((l) => l.mine));
      expect((await second.evaluate(test)).error).toBe((await whole.evaluate(test)).error);
    } finally {
      whole.dispose();
      first.dispose();
      second.dispose();
    }
  });

  it('rejects bad options and foreign checkpoints by name', async () => {
    expect(() => tiny('vib' as IbModel)).toThrow(/"model"/);
    expect(() => tiny('dvb', { beta: -1 })).toThrow(/"beta"/);
    expect(() => tiny('dvb', { batchSize: 1000 })).toThrow(/"train"/);
    const a = tiny('dvb');
    const b = tiny('dvb', { beta: 0.01 });
    try {
      await expect(b.restore(await a.checkpoint())).rejects.toThrow(/other options: beta/);
    } finally {
      a.dispose();
      b.dispose();
    }
  });
});
