import { gatherPixels } from '@mine/datasets';
import { reconstructionError } from '@mine/metrics';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  type AliStepLog,
  AliTrainer,
  type AliTrainerOptions,
  disposeAliStep,
  readAliStep,
} from './ali-trainer.js';
import { decodeAliCheckpoint, encodeAliCheckpoint } from './checkpoint.js';
import { ALI_MODELS, type AliModel } from './config.js';
import { squareImages } from './test-data.js';

// Tiny networks (width 1/16: 4-8-16 maps) on 12×12 images: an iteration takes milliseconds.
const train = squareImages(300, 1);
const tiny = (model: AliModel, extra: Partial<AliTrainerOptions> = {}): AliTrainer =>
  new AliTrainer({
    model,
    train,
    width: 1 / 16,
    codeDim: 4,
    noiseDim: 2,
    batchSize: 16,
    learningRate: 2e-3,
    seed: 3,
    ...extra,
  });
const test = squareImages(64, 2);
const testPixels = gatherPixels(
  test,
  Array.from({ length: test.count }, (_, i) => i),
  [-1, 1],
);

async function step(trainer: AliTrainer): Promise<AliStepLog> {
  const tensors = trainer.trainStep();
  const log = await readAliStep(trainer.step, tensors);
  disposeAliStep(tensors);
  return log;
}

describe('AliTrainer', () => {
  it('numTensors stays flat over steps for every model, dispose frees everything', async () => {
    const start = tf.memory().numTensors;
    for (const model of ALI_MODELS) {
      const trainer = tiny(model);
      disposeAliStep(trainer.trainStep()); // Adam allocates its slots on the first step
      const before = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) disposeAliStep(trainer.trainStep());
      await trainer.fit({ iterations: 10, logEvery: 3, onStep: () => {} });
      await trainer.reconstruct(testPixels, 1);
      await trainer.sample(300, 2);
      await trainer.checkpoint();
      expect(tf.memory().numTensors).toBe(before);
      trainer.dispose();
    }
    expect(tf.memory().numTensors).toBe(start);
  });

  it('reports what each model trains', async () => {
    const logs = new Map<AliModel, AliStepLog>();
    for (const model of ALI_MODELS) {
      const trainer = tiny(model);
      logs.set(model, await step(trainer));
      expect(trainer.reconstructionDiscriminator === null).toBe(model !== 'alice-adv');
      expect(trainer.statisticsNetwork === null).toBe(model !== 'ali-mine');
      trainer.dispose();
    }
    for (const [model, log] of logs) {
      expect(log.discriminatorLoss).toBeGreaterThan(0);
      expect(log.generatorLoss).toBeGreaterThan(0);
      expect(log.adversarialNorm).toBeGreaterThan(0);
      expect(log.reconstructionLoss === null).toBe(!model.startsWith('alice'));
      expect(log.mutualInformation === null).toBe(model !== 'ali-mine');
      expect(log.mutualInformationNorm === null).toBe(model !== 'ali-mine');
    }
    // 12×12 pixels in [−1, 1] reconstructed from an untrained decoder: ~144·(0.5 + 0) apart.
    expect(logs.get('alice-l2')!.reconstructionLoss!).toBeGreaterThan(20);
  });

  it('ALI+MINE clips the MI gradient to the decoder adversarial norm (Eq. 21)', async () => {
    const trainer = tiny('ali-mine', { beta: 100 });
    let clipped = 0;
    for (let i = 0; i < 6; i++) {
      const log = await step(trainer);
      expect(log.appliedMutualInformationNorm!).toBeLessThanOrEqual(log.adversarialNorm * 1.0001);
      expect(log.appliedMutualInformationNorm!).toBeCloseTo(
        Math.min(log.adversarialNorm, log.mutualInformationNorm!),
        4,
      );
      if (log.mutualInformationNorm! > log.adversarialNorm) clipped++;
    }
    expect(clipped).toBeGreaterThan(0);
    trainer.dispose();
    const raw = tiny('ali-mine', { beta: 100, adaptiveClipping: false });
    const log = await step(raw);
    expect(log.appliedMutualInformationNorm!).toBeCloseTo(log.mutualInformationNorm!, 2);
    raw.dispose();
  });

  it("ALI+MINE's statistics network starts with scores that vary with its input", () => {
    // Score spread at this tiny width: ~0.37 with Glorot-uniform kernels, ~0.005 with DCGAN's
    // N(0, 0.02²), which shrinks further with every layer at the experiments' widths.
    const trainer = tiny('ali-mine');
    const t = trainer.statisticsNetwork!;
    const spread = tf.tidy(() => {
      const x = tf.randomUniform([64, t.xDim], -1, 1, 'float32', 1) as tf.Tensor2D;
      const z = tf.randomNormal([64, t.zDim], 0, 1, 'float32', 2) as tf.Tensor2D;
      return tf.moments(t.score(x, z)).variance.dataSync()[0]!;
    });
    expect(Math.sqrt(spread)).toBeGreaterThan(0.05);
    trainer.dispose();
  });

  it('ALI+MINE sends the MI gradient into the decoder only', async () => {
    const values = (vs: readonly tf.Variable[]) => vs.map((v) => Array.from(v.dataSync()));
    const without = tiny('ali-mine', { beta: 0 });
    const withMi = tiny('ali-mine', { beta: 100 });
    await step(without);
    await step(withMi);
    expect(values(withMi.encoder.variables)).toEqual(values(without.encoder.variables));
    expect(values(withMi.decoder.trainableVariables)).not.toEqual(
      values(without.decoder.trainableVariables),
    );
    without.dispose();
    withMi.dispose();
  });

  it('ALICE(l2) learns to reconstruct where plain ALI has not yet', async () => {
    const errors: Record<string, number> = {};
    for (const model of ['ali', 'alice-l2'] as const) {
      const trainer = tiny(model, { learningRate: 5e-3 });
      const before = reconstructionError(testPixels, await trainer.reconstruct(testPixels, 5), 144);
      await trainer.fit({ iterations: 60 });
      errors[model] = reconstructionError(
        testPixels,
        await trainer.reconstruct(testPixels, 5),
        144,
      );
      if (model === 'alice-l2') expect(errors[model]!).toBeLessThan(0.75 * before);
      trainer.dispose();
    }
    expect(errors['alice-l2']!).toBeLessThan(errors.ali!);
  });

  it('resumes exactly: 12 steps = 5 steps + checkpoint (bytes) + restore + 7 steps', async () => {
    for (const model of ['ali-mine', 'alice-adv'] as const) {
      // β1 = 0.9: Adam's running powers then differ from a recomputation.
      const options = { adamBeta1: 0.9 };
      const whole = tiny(model, options);
      await whole.fit({ iterations: 12 });
      const expected = await whole.reconstruct(testPixels, 9);
      const expectedSamples = await whole.sample(20, 8);
      whole.dispose();

      const first = tiny(model, options);
      const controller = new AbortController();
      const stopped = await first.fit({
        iterations: 12,
        logEvery: 5,
        signal: controller.signal,
        onStep: ({ step }) => {
          if (step === 5) controller.abort();
        },
      });
      expect(stopped).toEqual({ step: 5, aborted: true });
      const bytes = encodeAliCheckpoint(await first.checkpoint());
      first.dispose();
      const resumed = await AliTrainer.restore(decodeAliCheckpoint(bytes), { train });
      expect(resumed.step).toBe(5);
      await resumed.fit({ iterations: 12 });
      const got = await resumed.reconstruct(testPixels, 9);
      expect(Buffer.from(got.buffer)).toEqual(Buffer.from(expected.buffer));
      const samples = await resumed.sample(20, 8);
      expect(Buffer.from(samples.buffer)).toEqual(Buffer.from(expectedSamples.buffer));
      resumed.dispose();
    }
  });

  it('trains the discriminators at their own learning rate, by default the common one', async () => {
    expect(tiny('ali').config.discriminatorLearningRate).toBe(2e-3);
    const snapshot = (vs: readonly tf.Variable[]) => vs.map((v) => Float32Array.from(v.dataSync()));
    const change = (vs: readonly tf.Variable[], before: Float32Array[]) =>
      Math.max(
        ...vs.map((v, i) => Math.max(...v.dataSync().map((x, j) => Math.abs(x - before[i]![j]!)))),
      );
    for (const model of ['ali', 'alice-adv'] as const) {
      const trainer = tiny(model, { discriminatorLearningRate: 1e-9 });
      const d = trainer.discriminator.trainableVariables;
      const p = trainer.reconstructionDiscriminator?.trainableVariables ?? [];
      const g = trainer.decoder.trainableVariables;
      const [d0, p0, g0] = [snapshot(d), snapshot(p), snapshot(g)];
      for (let i = 0; i < 3; i++) await step(trainer);
      // Adam moves each weight by about its learning rate per step.
      expect(change(d, d0)).toBeLessThan(1e-7);
      if (p.length > 0) expect(change(p, p0)).toBeLessThan(1e-7);
      expect(change(g, g0)).toBeGreaterThan(1e-3);
      // A checkpoint written before the option existed restores with the common rate.
      const checkpoint = await trainer.checkpoint();
      const { discriminatorLearningRate: _, ...older } = checkpoint.config;
      const restored = await AliTrainer.restore(
        { ...checkpoint, config: older as typeof checkpoint.config },
        { train },
      );
      expect(restored.config.discriminatorLearningRate).toBe(2e-3);
      restored.dispose();
      trainer.dispose();
    }
  });

  it('refuses to resume on other images, and checks its options by name', async () => {
    const trainer = tiny('ali');
    const checkpoint = await trainer.checkpoint();
    trainer.dispose();
    await expect(AliTrainer.restore(checkpoint, { train: squareImages(300, 7) })).rejects.toThrow(
      /"train"/,
    );
    expect(() => tiny('ali', { beta: -1 })).toThrow(/"beta"/);
    expect(() => tiny('ali', { discriminatorLearningRate: 0 })).toThrow(
      /"discriminatorLearningRate"/,
    );
    expect(() => tiny('nope' as AliModel)).toThrow(/"model"/);
    expect(() => tiny('ali', { batchSize: 1 })).toThrow(/"batchSize"/);
    expect(() => tiny('ali', { train: { ...train, width: 10 } })).toThrow(/"train"/);
    const live = tiny('ali');
    await expect(live.reconstruct(new Float32Array(10), 1)).rejects.toThrow(/"images"/);
    await expect(live.decode(new Float32Array(3))).rejects.toThrow(/"codes"/);
    live.dispose();
    await expect(live.sample(2, 1)).rejects.toThrow(/disposed/);
  });
});
