import { createRng } from '@mine/core';
import type { ImageSet } from '@mine/datasets';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint.js';
import { disposeStep, GanTrainer, type GanTrainerOptions, readStep } from './gan-trainer.js';

// 40 random 28×28×3 "images": batches of 8 give 5 per epoch, so the tests cross epochs.
function images(count: number, seed: number): ImageSet {
  const rng = createRng(seed);
  const bytes = new Uint8Array(count * 28 * 28 * 3);
  for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(256);
  return {
    count,
    height: 28,
    width: 28,
    channels: 3,
    images: bytes,
    labels: new Uint16Array(count),
    classes: 1000,
  };
}

const set = images(40, 1);
// Width 1/16: generator 32-16-8-4 maps, discriminator 4-8-16-32, statistics network 1-2-4 + 64.
const tiny = (overrides: Partial<GanTrainerOptions> = {}): GanTrainerOptions => ({
  images: set,
  width: 1 / 16,
  batchSize: 8,
  noiseDim: 6,
  noise: 'uniform',
  codePrior: { kind: 'categoricals', codes: 3, classes: 10 },
  learningRate: 2e-4,
  seed: 3,
  ...overrides,
});

describe('GanTrainer on images (DCGAN, Tables 4-6)', () => {
  it('builds the DCGAN networks and checks its data', () => {
    const trainer = new GanTrainer(tiny());
    expect(trainer.config.architecture).toBe('dcgan');
    expect(trainer.config.dataDim).toBe(28 * 28 * 3);
    expect(trainer.sampleShape).toEqual([28, 28, 3]);
    expect(trainer.codeDim).toBe(30);
    // Table 6's network conditioned on the code: x of 2,352 values, z of 30.
    expect(trainer.statisticsNetwork!.xDim).toBe(2352);
    expect(trainer.statisticsNetwork!.zDim).toBe(30);
    // T starts from Glorot-uniform kernels, as the MLP one: with DCGAN's N(0, 0.02²) its scores
    // were ~1e-7 and it learned nothing.
    const x = tf.randomUniform([16, 2352], -1, 1, 'float32', 1) as tf.Tensor2D;
    const c = tf.oneHot(
      tf.tensor1d(
        [...Array(48)].map((_, i) => i % 10),
        'int32',
      ),
      10,
    );
    const code = tf.reshape(tf.cast(c, 'float32'), [16, 30]) as tf.Tensor2D;
    const scores = trainer.statisticsNetwork!.score(x, code);
    const spread = tf.tidy(() => tf.moments(scores).variance.dataSync()[0]!);
    expect(Math.sqrt(spread)).toBeGreaterThan(1e-3);
    tf.dispose([x, c, code, scores]);
    expect(() => trainer.trainStep()).toThrow(/nextStep/);
    trainer.dispose();
    expect(() => new GanTrainer({ ...tiny(), data: new Float32Array(4) })).toThrow(/"data"/);
    expect(() => new GanTrainer(tiny({ architecture: 'mlp' }))).toThrow(/"images"/);
    expect(() => new GanTrainer(tiny({ batchSize: 64 }))).toThrow(/"images".*fewer than one batch/);
    expect(() => new GanTrainer(tiny({ generatorSteps: 0 }))).toThrow(/"generatorSteps"/);
    expect(
      () => new GanTrainer({ data: new Float32Array(4), dataDim: 2, architecture: 'dcgan' }),
    ).toThrow(/"architecture"/);
  });

  it('numTensors stays flat over steps and epochs (GAN+MINE and GAN), dispose frees everything', async () => {
    const start = tf.memory().numTensors;
    for (const beta of [1, 0]) {
      const trainer = new GanTrainer(tiny({ beta, generatorSteps: 2 }));
      disposeStep(await trainer.nextStep()); // Adam allocates its slots on the first step
      const before = tf.memory().numTensors;
      for (let i = 0; i < 6; i++) disposeStep(await trainer.nextStep());
      expect(tf.memory().numTensors).toBe(before);
      await trainer.train({ iterations: 12, logEvery: 4, onStep: () => {} });
      await trainer.sample(10, 1, { batchSize: 4 });
      await trainer.mutualInformation(16, 2);
      expect(tf.memory().numTensors).toBe(before);
      trainer.dispose();
    }
    expect(tf.memory().numTensors).toBe(start);
  });

  it('resumes exactly mid-epoch: 12 steps = 7 + checkpoint (bytes) + restore + 5', async () => {
    const options = tiny({ beta: 1, generatorSteps: 2 });
    const whole = new GanTrainer(options);
    await whole.train({ iterations: 12 });
    const expected = await whole.sample(12, 99);
    const expectedMi = await whole.mutualInformation(16, 98);
    whole.dispose();

    const first = new GanTrainer(options);
    await first.train({ iterations: 7 });
    const bytes = encodeCheckpoint(await first.checkpoint());
    first.dispose();

    const resumed = await GanTrainer.restore(decodeCheckpoint(bytes), { images: set });
    expect(resumed.step).toBe(7);
    await resumed.train({ iterations: 12 });
    const got = await resumed.sample(12, 99);
    expect(Buffer.from(got.points.buffer)).toEqual(Buffer.from(expected.points.buffer));
    expect(await resumed.mutualInformation(16, 98)).toBe(expectedMi);
    resumed.dispose();
    await expect(
      GanTrainer.restore(decodeCheckpoint(bytes), { images: images(40, 2) }),
    ).rejects.toThrow(/"images"/);
  });

  it('takes k generator steps per discriminator step', async () => {
    const one = new GanTrainer(tiny({ beta: 1, generatorSteps: 1 }));
    const two = new GanTrainer(tiny({ beta: 1, generatorSteps: 2 }));
    for (const t of [one, two]) {
      const tensors = await t.nextStep();
      const log = await readStep(1, tensors);
      disposeStep(tensors);
      expect(log.adversarialNorm).toBeGreaterThan(0);
    }
    // The discriminator's first step comes before any generator step: equal in both runs.
    const [c1, c2] = [await one.checkpoint(), await two.checkpoint()];
    expect(c2.variables.discriminator).toEqual(c1.variables.discriminator);
    expect(c2.variables.generator).not.toEqual(c1.variables.generator);
    for (let i = 0; i < 2; i++) disposeStep(await two.nextStep());
    const after = await two.checkpoint();
    expect(after.optimizers.generator.iterations).toBe(6);
    expect(after.optimizers.discriminator.iterations).toBe(3);
    one.dispose();
    two.dispose();
  });

  it('samples images in [−1, 1], the same in one pass and in chunks', async () => {
    const trainer = new GanTrainer(tiny({ beta: 0 }));
    const whole = await trainer.sample(6, 5);
    const chunked = await trainer.sample(6, 5, { batchSize: 4 });
    expect(whole.points.length).toBe(6 * 2352);
    expect(whole.codes.length).toBe(6 * 30);
    expect(whole.points.every((v) => v >= -1 && v <= 1)).toBe(true);
    expect(chunked.codes).toEqual(whole.codes);
    for (let i = 0; i < whole.points.length; i++) {
      expect(Math.abs(chunked.points[i]! - whole.points[i]!)).toBeLessThan(1e-5);
    }
    trainer.dispose();
  });
});
