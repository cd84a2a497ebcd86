import { readFileSync } from 'node:fs';
import { createRng, type SavedTensor } from '@mine/core';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint.js';
import {
  disposeStep,
  type GanConfig,
  GanTrainer,
  type GanTrainerOptions,
  readStep,
} from './gan-trainer.js';

// Small networks so each test runs in seconds; the paper sizes are the defaults.
function ring(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * rng.int(8)) / 8;
    out[2 * i] = 2 * Math.cos(a) + 0.05 * rng.normal();
    out[2 * i + 1] = 2 * Math.sin(a) + 0.05 * rng.normal();
  }
  return out;
}

const data = ring(2000, 1);
const small = (overrides: Partial<GanTrainerOptions> = {}): GanTrainerOptions => ({
  data,
  dataDim: 2,
  batchSize: 32,
  generatorHidden: [32, 32],
  discriminatorHidden: [32, 32, 32],
  statisticsHidden: [32, 32, 32],
  learningRate: 1e-3,
  seed: 5,
  ...overrides,
});

describe('GanTrainer', () => {
  it('numTensors stays flat over steps (GAN+MINE and GAN), dispose frees everything', async () => {
    const start = tf.memory().numTensors;
    for (const beta of [1, 0]) {
      const trainer = new GanTrainer(small({ beta }));
      disposeStep(trainer.trainStep()); // Adam allocates its slots on the first step
      const before = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) disposeStep(trainer.trainStep());
      await trainer.train({ iterations: 30, logEvery: 5, onStep: () => {} });
      await trainer.sample(16, 1);
      await trainer.mutualInformation(64, 2);
      expect(tf.memory().numTensors).toBe(before);
      trainer.dispose();
    }
    expect(tf.memory().numTensors).toBe(start);
  });

  it('resumes exactly: 30 steps = 13 steps + checkpoint (bytes) + restore + 17 steps', async () => {
    // β1 = 0.9: Adam's running powers β^t then differ from tfjs's pow() recomputation.
    const options = small({ beta: 1, adamBeta1: 0.9 });
    const whole = new GanTrainer(options);
    await whole.train({ iterations: 30 });
    const expected = await whole.sample(200, 99);
    const expectedMi = await whole.mutualInformation(200, 98);
    whole.dispose();

    const first = new GanTrainer(options);
    const controller = new AbortController();
    const stopped = await first.train({
      iterations: 30,
      logEvery: 13,
      signal: controller.signal,
      onStep: ({ step }) => {
        if (step === 13) controller.abort();
      },
    });
    expect(stopped).toEqual({ step: 13, aborted: true });
    const bytes = encodeCheckpoint(await first.checkpoint());
    first.dispose();

    const resumed = await GanTrainer.restore(decodeCheckpoint(bytes), { data });
    expect(resumed.step).toBe(13);
    await resumed.train({ iterations: 30 });
    const got = await resumed.sample(200, 99);
    expect(Buffer.from(got.points.buffer)).toEqual(Buffer.from(expected.points.buffer));
    expect(await resumed.mutualInformation(200, 98)).toBe(expectedMi);
    resumed.dispose();
  });

  it('restores a checkpoint written with tf.train.adam (before FusedAdam) and continues it', async () => {
    // test-fixtures/: a run of the options below by the version that trained with tf.train.adam,
    // saved after 3 and after 5 iterations.
    const read = (steps: number) =>
      decodeCheckpoint<GanConfig>(
        readFileSync(new URL(`../test-fixtures/tfjs-adam-step${steps}.ckpt`, import.meta.url)),
      );
    const rng = createRng(1);
    const fixtureData = Float32Array.from({ length: 2 * 200 }, () => rng.normal());
    const trainer = await GanTrainer.restore(read(3), { data: fixtureData });
    expect(trainer.config.learningRate).toBe(1e-2);
    for (let i = 0; i < 2; i++) disposeStep(trainer.trainStep());
    const actual = await trainer.checkpoint();
    trainer.dispose();
    const expected = read(5);
    const worst = (a: readonly SavedTensor[], b: readonly SavedTensor[]) =>
      Math.max(
        ...a.flatMap((t, k) => Array.from(t.values, (v, i) => Math.abs(v - b[k]!.values[i]!))),
      );
    // Restored moments: steps 4 and 5 move the weights as tf.train.adam did, up to float32
    // rounding; lost moments would move them by ~the learning rate (1e-2).
    for (const network of ['generator', 'discriminator'] as const) {
      expect(worst(actual.variables[network], expected.variables[network]), network).toBeLessThan(
        1e-5,
      );
      expect(actual.optimizers[network].iterations).toBe(5);
      expect(
        worst(actual.optimizers[network].slots, expected.optimizers[network].slots),
      ).toBeLessThan(1e-5);
    }
    expect(worst(actual.statistics!.critic, expected.statistics!.critic)).toBeLessThan(1e-5);
  });

  it('refuses to resume on other data', async () => {
    const trainer = new GanTrainer(small({ beta: 0 }));
    const checkpoint = await trainer.checkpoint();
    trainer.dispose();
    await expect(GanTrainer.restore(checkpoint, { data: ring(2000, 2) })).rejects.toThrow(/"data"/);
  });

  it('beta = 0 builds no statistics network and no MI gradient', async () => {
    const trainer = new GanTrainer(small({ beta: 0 }));
    expect(trainer.statisticsNetwork).toBeNull();
    const tensors = trainer.trainStep();
    const log = await readStep(1, tensors);
    disposeStep(tensors);
    expect(log.mutualInformation).toBeNull();
    expect(log.mutualInformationNorm).toBeNull();
    expect(log.appliedMutualInformationNorm).toBeNull();
    expect(log.adversarialNorm).toBeGreaterThan(0);
    const checkpoint = await trainer.checkpoint();
    expect(checkpoint.statistics).toBeNull();
    trainer.dispose();
    // Monitoring trains T for the report but still gives G no MI gradient.
    const monitored = new GanTrainer(small({ beta: 0, monitorMutualInformation: true }));
    const m = monitored.trainStep();
    const mLog = await readStep(1, m);
    disposeStep(m);
    expect(mLog.mutualInformation).not.toBeNull();
    expect(mLog.mutualInformationNorm).toBeNull();
    monitored.dispose();
  });

  it('clips the MI gradient to the adversarial norm (Eq. 21)', async () => {
    // β = 100 makes the raw MI gradient dwarf the adversarial one.
    const trainer = new GanTrainer(small({ beta: 100 }));
    let clipped = 0;
    for (let i = 0; i < 10; i++) {
      const tensors = trainer.trainStep();
      const log = await readStep(i + 1, tensors);
      disposeStep(tensors);
      expect(log.appliedMutualInformationNorm!).toBeLessThanOrEqual(log.adversarialNorm * 1.0001);
      const expected = Math.min(log.adversarialNorm, log.mutualInformationNorm!);
      expect(log.appliedMutualInformationNorm!).toBeCloseTo(expected, 4);
      if (log.mutualInformationNorm! > log.adversarialNorm) clipped++;
    }
    expect(clipped).toBeGreaterThan(0);
    trainer.dispose();
    // Without clipping the full MI gradient goes through.
    const raw = new GanTrainer(small({ beta: 100, adaptiveClipping: false }));
    const tensors = raw.trainStep();
    const log = await readStep(1, tensors);
    disposeStep(tensors);
    expect(log.appliedMutualInformationNorm!).toBeCloseTo(log.mutualInformationNorm!, 2);
    raw.dispose();
  });

  it('β = 1 with a categorical code: the statistics network estimate of I(G; c) rises', async () => {
    // K = 4 classes: I(G; c) ≤ log 4 = 1.39 nats. An untrained T scores ~0.
    const trainer = new GanTrainer(
      small({ beta: 1, codePrior: { kind: 'categorical', classes: 4 } }),
    );
    expect(trainer.codeDim).toBe(4);
    const estimates: number[] = [];
    await trainer.train({
      iterations: 200,
      logEvery: 10,
      onStep: (log) => {
        estimates.push(log.mutualInformation!);
      },
    });
    const early = estimates.slice(0, 3).reduce((a, b) => a + b, 0) / 3;
    const late = estimates.slice(-5).reduce((a, b) => a + b, 0) / 5;
    const held = (await trainer.mutualInformation(1000, 11))!;
    trainer.dispose();
    expect(early).toBeLessThan(0.4);
    expect(late).toBeGreaterThan(early + 0.4);
    // On fresh samples too, and not above the code's entropy (plus the bound's sampling error).
    expect(held).toBeGreaterThan(0.5);
    expect(held).toBeLessThan(Math.log(4) + 0.15);
  });

  it('initialises the generator and discriminator kernels as weightInit says', () => {
    const std = (v: tf.Variable) => {
      const values = Array.from(v.dataSync());
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    };
    // The 32 × 32 hidden kernels: Glorot-uniform has std √(6/64)/√3 ≈ 0.18 there.
    const normal = new GanTrainer(small({ beta: 0 }));
    expect(normal.config.weightInit).toEqual({ normalStd: 0.02 });
    expect(std(normal.generator.trainableVariables[3]!)).toBeCloseTo(0.02, 2);
    expect(std(normal.discriminator.trainableVariables[2]!)).toBeCloseTo(0.02, 2);
    normal.dispose();
    const glorot = new GanTrainer(small({ beta: 0, weightInit: 'glorotUniform' }));
    expect(std(glorot.generator.trainableVariables[3]!)).toBeCloseTo(Math.sqrt(2 / 64), 1);
    expect(std(glorot.discriminator.trainableVariables[2]!)).toBeCloseTo(Math.sqrt(2 / 64), 1);
    glorot.dispose();
  });

  it('checks its options', () => {
    expect(() => new GanTrainer(small({ beta: -1 }))).toThrow(/"beta"/);
    expect(() => new GanTrainer(small({ weightInit: { normalStd: -1 } }))).toThrow(/"weightInit"/);
    expect(() => new GanTrainer({ data: new Float32Array(3), dataDim: 2 })).toThrow(/"data"/);
  });
});
