import {
  assertArgument,
  assertPositiveInteger,
  createRng,
  InvalidArgumentError,
  loadOptimizer,
  loadVariables,
  type MiTermState,
  MutualInformationTerm,
  type SavedOptimizer,
  type SavedTensor,
  saveOptimizer,
  saveVariables,
  stepRng,
  stepSeed,
} from '@mine/core';
import { gatherPixels, type ImageSet, imageSetFingerprint, imageSize } from '@mine/datasets';
import { batchesPerEpoch, imageBatches } from '@mine/datasets/tfjs';
import {
  baselineClassifier,
  bottleneckDecoder,
  bottleneckEncoder,
  type DenseNetwork,
  gaussianParameters,
  type NoisyMlpCritic,
  noisyMlpCritic,
} from '@mine/nets';
import * as tf from '@tensorflow/tfjs-core';
import { type IbConfig, type IbModel, isGaussian, resolveConfig, usesMine } from './config.js';
import { PolyakAverage } from './polyak.js';

export interface IbTrainerOptions extends Partial<IbConfig> {
  model: IbModel;
  /** Training images (pixels are scaled to [0, 1]) and labels. */
  train: ImageSet;
}

/** One iteration's diagnostics as tensors; the caller disposes them (`tf.dispose`). */
export interface IbStepTensors {
  /** The minimised loss: cross-entropy + β·regulariser (nats). */
  loss: tf.Scalar;
  crossEntropy: tf.Scalar;
  /** The regulariser on the batch: the KL (DVB), the MINE estimate (MINE models); null for the baseline. */
  regularizer: tf.Scalar | null;
  /** The KL of the Gaussian encoder to N(0, I) (an upper bound on I(X; Z)); null for other encoders. */
  kl: tf.Scalar | null;
  /** The statistics network's DV bound on the batch before its step (MINE models). */
  mine: tf.Scalar | null;
}

export interface IbStepLog {
  /** Iterations done, this one included. */
  step: number;
  /** Fractional epochs done. */
  epoch: number;
  learningRate: number;
  loss: number;
  crossEntropy: number;
  regularizer: number | null;
  kl: number | null;
  mine: number | null;
}

export interface IbEvaluation {
  /** Test images used. */
  count: number;
  /** Misclassification rate (a fraction) of the Polyak-averaged model, softmax averaged over samples. */
  error: number;
  /** Samples of z averaged per image (1 for the deterministic baseline). */
  samples: number;
  /** Per image: 1 when misclassified (for paired tests between models). */
  wrong: Uint8Array;
  /** Mean KL(q(z|x) ‖ N(0, I)) over the images (nats; Gaussian encoders; live weights). */
  kl: number | null;
  /** The statistics network's DV read-out of I(X; Z) on the images (nats; MINE models; live weights). */
  mine: number | null;
}

export interface IbTrainOptions {
  /** Train until this many epochs are done in total (a restored trainer continues). */
  epochs: number;
  /** Read diagnostics and call `onStep` every this many iterations. @default 100 */
  logEvery?: number;
  onStep?: (log: IbStepLog) => void | Promise<void>;
  /** Called after each completed epoch (e.g. to evaluate and to checkpoint). */
  onEpoch?: (epoch: number) => void | Promise<void>;
  /** Call `onCheckpoint` every this many iterations (besides what `onEpoch` does). @default never */
  checkpointEvery?: number;
  onCheckpoint?: (checkpoint: IbCheckpoint) => void | Promise<void>;
  /** Stops after the current iteration. */
  signal?: AbortSignal;
}

/** Everything an `IbTrainer` needs to continue exactly, except the data. */
export interface IbCheckpoint {
  readonly format: 'mine-ib-checkpoint';
  readonly version: 1;
  readonly config: IbConfig;
  /** Fingerprint of the training images and labels. */
  readonly data: string;
  readonly step: number;
  /** Trainable variables of the classifier (encoder then decoder, or the baseline). */
  readonly variables: readonly SavedTensor[];
  /** Their Polyak averages. */
  readonly averaged: readonly SavedTensor[];
  readonly optimizer: SavedOptimizer;
  /** The MINE term (statistics network, its Adam, moving average); null without one. */
  readonly term: MiTermState | null;
}

type Optimizer = ReturnType<typeof tf.train.adam>;

/**
 * The Information Bottleneck classifier of Table 3, trained on loss = H(Y|Z) + β·I(X; Z) (Eq. 20)
 * with minibatches of the training set (tfjs-data: shuffled per epoch, batched, prefetched):
 *
 * - 'deterministic': the 784-1024-1024-10 baseline, cross-entropy only.
 * - 'dvb': Gaussian encoder z = μ(x) + σ(x)·ε, regulariser KL(q(z|x) ‖ N(0, I)) (Alemi et al.).
 * - 'mine-gaussian', 'mine-additive' (z = enc(x + σ·ε)), 'mine-propagated' (z = enc([x, ε])):
 *   regulariser the MINE estimate of I(X; Z) from the statistics network of Table 15, owned by
 *   a core `MutualInformationTerm`. Each iteration the classifier takes its Adam step on
 *   CE + β·term.estimate(x, z) (the bias-corrected MINE gradient flows through z into the
 *   encoder), then the statistics network takes one step on the same pairs (x, z).
 *
 * Testing uses the Polyak average of the classifier's weights and averages the softmax of
 * `testSamples` draws of z. Every random draw of iteration k comes from (seed, k), the batch
 * order of epoch e from (seed, e): a restored checkpoint continues exactly.
 */
export class IbTrainer {
  readonly config: Readonly<IbConfig>;
  /** The encoder (null for the baseline). */
  readonly encoder: DenseNetwork | null;
  /** The linear decoder, or the whole baseline classifier. */
  readonly decoder: DenseNetwork;
  /** The MINE term (MINE models only). */
  readonly term: MutualInformationTerm | null;
  readonly batchesPerEpoch: number;
  private readonly critic: NoisyMlpCritic | null;
  private readonly train: ImageSet;
  private readonly dataFingerprint: string;
  private readonly optimizer: Optimizer;
  private readonly polyak: PolyakAverage;
  private readonly variables: tf.Variable[];
  private iteration = 0;
  private disposed = false;

  constructor(options: IbTrainerOptions) {
    const { train, ...rest } = options;
    const config = resolveConfig(rest);
    assertArgument(
      train != null && train.count >= config.batchSize && imageSize(train) > 0,
      'train',
      () => `must be an ImageSet with at least batchSize (${config.batchSize}) images`,
    );
    this.config = Object.freeze(config);
    this.train = train;
    this.dataFingerprint = imageSetFingerprint(train);
    this.batchesPerEpoch = batchesPerEpoch(train.count, config.batchSize, true);
    const inputDim = imageSize(train);
    const seeds = createRng(stepSeed(config.seed, 0xffffffff));
    const { model, bottleneck, hidden } = config;
    if (model === 'deterministic') {
      this.encoder = null;
      this.decoder = baselineClassifier({
        inputDim,
        hidden,
        classes: train.classes,
        seed: seeds.seed(),
      });
    } else {
      const encoderInput =
        model === 'mine-propagated' ? inputDim + config.propagatedNoiseDim : inputDim;
      this.encoder = bottleneckEncoder({
        inputDim: encoderInput,
        hidden,
        bottleneck,
        gaussian: isGaussian(model),
        seed: seeds.seed(),
      });
      this.decoder = bottleneckDecoder({ bottleneck, classes: train.classes, seed: seeds.seed() });
    }
    const criticSeed = seeds.seed();
    const termSeed = seeds.seed();
    if (usesMine(model)) {
      this.critic = noisyMlpCritic({
        xDim: inputDim,
        zDim: bottleneck,
        hidden: config.statisticsHidden,
        inputNoise: config.statisticsInputNoise,
        hiddenNoise: config.statisticsHiddenNoise,
        seed: criticSeed,
      });
      this.term = new MutualInformationTerm({
        critic: this.critic,
        learningRate: config.statisticsLearningRate,
        adamBeta1: config.adamBeta1,
        adamBeta2: config.adamBeta2,
        emaDecay: config.emaDecay,
        seed: termSeed,
      });
    } else {
      this.critic = null;
      this.term = null;
    }
    this.variables = [
      ...(this.encoder?.trainableVariables ?? []),
      ...this.decoder.trainableVariables,
    ] as tf.Variable[];
    this.optimizer = tf.train.adam(config.learningRate, config.adamBeta1, config.adamBeta2);
    this.polyak = new PolyakAverage(this.variables, config.polyakDecay);
  }

  /** Iterations done. */
  get step(): number {
    return this.iteration;
  }

  /** Whole epochs done. */
  get epoch(): number {
    return Math.floor(this.iteration / this.batchesPerEpoch);
  }

  /** The classifier's learning rate at iteration `step`: staircase decay every `decayEpochs`. */
  learningRateAt(step: number): number {
    const { learningRate, decayRate, decayEpochs } = this.config;
    return learningRate * decayRate ** Math.floor(step / (this.batchesPerEpoch * decayEpochs));
  }

  /**
   * One iteration on a batch: pixels xs [n, inputDim] in [0, 1], one-hot labels ys [n, classes].
   * Returns its diagnostics; the caller disposes them.
   */
  trainStep(xs: tf.Tensor2D, ys: tf.Tensor2D): IbStepTensors {
    this.assertLive();
    const { model, beta } = this.config;
    const rng = stepRng(this.config.seed, this.iteration);
    const noiseSeed = rng.seed();
    this.critic?.reseed(rng.seed());
    (this.optimizer as unknown as { learningRate: number }).learningRate = this.learningRateAt(
      this.iteration,
    );
    const term = this.term;
    // What the gradient closure produces besides the loss, kept past its scope.
    const kept: {
      z?: tf.Tensor2D;
      crossEntropy?: tf.Scalar;
      regularizer?: tf.Scalar;
      kl?: tf.Scalar;
    } = {};
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const forward = this.forward(xs, noiseSeed);
        const crossEntropy = tf.keep(softmaxCrossEntropy(forward.logits, ys));
        kept.crossEntropy = crossEntropy;
        if (forward.z && term) kept.z = tf.keep(forward.z);
        if (forward.kl) kept.kl = tf.keep(forward.kl);
        if (model === 'dvb') kept.regularizer = kept.kl;
        else if (term && forward.z) kept.regularizer = tf.keep(term.estimate(xs, forward.z));
        const r = kept.regularizer;
        return (
          r && beta > 0 ? tf.add(crossEntropy, tf.mul(r, beta)) : tf.clone(crossEntropy)
        ) as tf.Scalar;
      }, this.variables);
      this.optimizer.applyGradients(grads as Parameters<Optimizer['applyGradients']>[0]);
      this.polyak.update();
      return value;
    });
    let mine: tf.Scalar | null = null;
    if (term && kept.z) {
      mine = term.trainStep(xs, kept.z);
      kept.z.dispose();
    }
    const regularizer =
      kept.regularizer && kept.regularizer === kept.kl
        ? tf.clone(kept.kl)
        : (kept.regularizer ?? null);
    this.iteration++;
    return { loss, crossEntropy: kept.crossEntropy!, regularizer, kl: kept.kl ?? null, mine };
  }

  /**
   * The classifier's forward pass in training mode: logits, and for bottleneck models z (and the
   * batch-mean KL for Gaussian encoders). Noise draws come from `seed`.
   */
  private forward(
    xs: tf.Tensor2D,
    seed: number,
  ): { logits: tf.Tensor2D; z: tf.Tensor2D | null; kl: tf.Scalar | null } {
    const { model, additiveNoise, propagatedNoiseDim } = this.config;
    const n = xs.shape[0];
    if (!this.encoder) return { logits: this.decoder.apply(xs), z: null, kl: null };
    let z: tf.Tensor2D;
    let kl: tf.Scalar | null = null;
    if (isGaussian(model)) {
      const { mean, std } = gaussianParameters(this.encoder.apply(xs));
      z = tf.add(
        mean,
        tf.mul(std, tf.randomNormal(mean.shape, 0, 1, 'float32', seed)),
      ) as tf.Tensor2D;
      kl = tf.mean(gaussianKl(mean, std)) as tf.Scalar;
    } else if (model === 'mine-additive') {
      z = this.encoder.apply(
        tf.add(xs, tf.randomNormal(xs.shape, 0, additiveNoise, 'float32', seed)) as tf.Tensor2D,
      );
    } else {
      const eps = tf.randomNormal([n, propagatedNoiseDim], 0, 1, 'float32', seed) as tf.Tensor2D;
      z = this.encoder.apply(tf.concat([xs, eps], 1));
    }
    return { logits: this.decoder.apply(z), z, kl };
  }

  /**
   * Trains until `epochs` epochs are done in total. Batches come from `imageBatches` (the order
   * of epoch e seeded by (seed, e), incomplete last batch dropped), so a resumed run skips
   * exactly the batches it has done.
   */
  async fit(options: IbTrainOptions): Promise<{ step: number; epoch: number; aborted: boolean }> {
    const {
      epochs,
      logEvery = 100,
      onStep,
      onEpoch,
      checkpointEvery,
      onCheckpoint,
      signal,
    } = options;
    assertArgument(
      Number.isInteger(epochs) && epochs >= 0,
      'epochs',
      () => `must be a non-negative integer, got ${epochs}`,
    );
    assertPositiveInteger(logEvery, 'logEvery');
    const total = epochs * this.batchesPerEpoch;
    while (this.iteration < total) {
      const epoch = this.epoch;
      const skip = this.iteration - epoch * this.batchesPerEpoch;
      const batches = imageBatches(this.train, {
        batchSize: this.config.batchSize,
        seed: stepSeed(this.config.seed, epoch),
        dropRemainder: true,
        skipBatches: skip,
      });
      const iterator = await batches.iterator();
      try {
        for (let b = skip; b < this.batchesPerEpoch; b++) {
          if (signal?.aborted) return { step: this.iteration, epoch: this.epoch, aborted: true };
          const next = await iterator.next();
          if (next.done)
            throw new Error(
              `the batch pipeline ended after ${b} of ${this.batchesPerEpoch} batches`,
            );
          const tensors = this.trainStep(next.value.xs as tf.Tensor2D, next.value.ys);
          tf.dispose([next.value.xs, next.value.ys]);
          const step = this.iteration;
          if (onStep && (step % logEvery === 0 || step === total)) {
            const log = await this.readStep(step, tensors);
            disposeStepTensors(tensors);
            await onStep(log);
          } else {
            disposeStepTensors(tensors);
          }
          if (step % logEvery === 0) await new Promise((resolve) => setTimeout(resolve, 0));
          if (onCheckpoint && checkpointEvery && step % checkpointEvery === 0) {
            await onCheckpoint(await this.checkpoint());
          }
        }
      } finally {
        await drain(iterator);
      }
      await onEpoch?.(this.epoch);
    }
    return { step: this.iteration, epoch: this.epoch, aborted: false };
  }

  private async readStep(step: number, t: IbStepTensors): Promise<IbStepLog> {
    const read = async (s: tf.Scalar | null) => (s ? (await s.data())[0]! : null);
    return {
      step,
      epoch: step / this.batchesPerEpoch,
      learningRate: this.learningRateAt(step - 1),
      loss: (await read(t.loss))!,
      crossEntropy: (await read(t.crossEntropy))!,
      regularizer: await read(t.regularizer),
      kl: await read(t.kl),
      mine: await read(t.mine),
    };
  }

  /**
   * Test error of the Polyak-averaged classifier on `set` (softmax averaged over `samples`
   * draws of z, default `testSamples`; 1 for the baseline), and I(X; Z) read-outs with the live
   * weights: the KL for Gaussian encoders, the statistics network's DV bound for MINE models
   * (on batches of `miBatch` images, averaged). Noise comes from `seed`.
   */
  async evaluate(
    set: ImageSet,
    options: { samples?: number; batchSize?: number; miBatch?: number; seed?: number } = {},
  ): Promise<IbEvaluation> {
    this.assertLive();
    const { batchSize = 500, miBatch = 1000, seed = 1 } = options;
    const samples = this.encoder ? (options.samples ?? this.config.testSamples) : 1;
    assertArgument(
      Number.isInteger(samples) && samples >= 1,
      'samples',
      () => `must be a positive integer, got ${samples}`,
    );
    assertArgument(
      set.height * set.width * set.channels === imageSize(this.train),
      'set',
      () => 'images differ in size from the training images',
    );
    const wrong = new Uint8Array(set.count);
    let errors = 0;
    await this.polyak.withAveraged(async () => {
      for (let from = 0; from < set.count; from += batchSize) {
        const rows = rangeOf(from, Math.min(set.count, from + batchSize));
        const labels = rows.map((r) => set.labels[r]!);
        const predicted = tf.tidy(() => {
          const xs = tf.tensor2d(gatherPixels(set, rows), [rows.length, imageSize(set)]);
          return tf.argMax(this.averagedSoftmax(xs, samples, stepSeed(seed, from)), 1);
        });
        const classes = await predicted.data();
        predicted.dispose();
        rows.forEach((r, i) => {
          if (classes[i] !== labels[i]) {
            wrong[r] = 1;
            errors++;
          }
        });
      }
    });
    return {
      count: set.count,
      error: errors / set.count,
      samples,
      wrong,
      kl: isGaussian(this.config.model) ? await this.meanKl(set, batchSize) : null,
      mine: this.term ? await this.mineReadout(set, Math.min(miBatch, set.count), seed) : null,
    };
  }

  /**
   * Σ over `samples` draws of softmax(decoder(z)): the encoder runs once for a Gaussian encoder
   * (only ε changes), once per draw for the noise-input encoders.
   */
  private averagedSoftmax(xs: tf.Tensor2D, samples: number, seed: number): tf.Tensor2D {
    return tf.tidy(() => {
      const gaussian =
        this.encoder && isGaussian(this.config.model)
          ? gaussianParameters(this.encoder.apply(xs))
          : null;
      let sum: tf.Tensor2D | null = null;
      for (let s = 0; s < samples; s++) {
        const draw = stepSeed(seed, s);
        const logits = gaussian
          ? this.decoder.apply(
              tf.add(
                gaussian.mean,
                tf.mul(gaussian.std, tf.randomNormal(gaussian.mean.shape, 0, 1, 'float32', draw)),
              ) as tf.Tensor2D,
            )
          : this.forward(xs, draw).logits;
        const p = tf.softmax(logits) as tf.Tensor2D;
        sum = sum ? (tf.add(sum, p) as tf.Tensor2D) : p;
      }
      return sum!;
    });
  }

  private async meanKl(set: ImageSet, batchSize: number): Promise<number> {
    let total = 0;
    for (let from = 0; from < set.count; from += batchSize) {
      const rows = rangeOf(from, Math.min(set.count, from + batchSize));
      const sum = tf.tidy(() => {
        const xs = tf.tensor2d(gatherPixels(set, rows), [rows.length, imageSize(set)]);
        const { mean, std } = gaussianParameters(this.encoder!.apply(xs));
        return tf.sum(gaussianKl(mean, std));
      });
      total += (await sum.data())[0]!;
      sum.dispose();
    }
    return total / set.count;
  }

  private async mineReadout(set: ImageSet, batch: number, seed: number): Promise<number> {
    const values: number[] = [];
    for (let from = 0; from + batch <= set.count; from += batch) {
      const rows = rangeOf(from, from + batch);
      const estimate = tf.tidy(() => {
        const xs = tf.tensor2d(gatherPixels(set, rows), [batch, imageSize(set)]);
        const z = this.forward(xs, stepSeed(seed ^ 0x5eed, from)).z!;
        return this.term!.evaluate(xs, z);
      });
      values.push((await estimate.data())[0]!);
      estimate.dispose();
    }
    return values.reduce((a, b) => a + b, 0) / values.length;
  }

  /** A snapshot of everything but the data (see `restore`). */
  async checkpoint(): Promise<IbCheckpoint> {
    this.assertLive();
    return {
      format: 'mine-ib-checkpoint',
      version: 1,
      config: { ...this.config },
      data: this.dataFingerprint,
      step: this.iteration,
      variables: await saveVariables(this.variables),
      averaged: await saveVariables(this.polyak.averaged),
      optimizer: await saveOptimizer(this.optimizer),
      term: this.term ? await this.term.save() : null,
    };
  }

  /** Restores a checkpoint of a trainer with the same configuration and training data. */
  async restore(checkpoint: IbCheckpoint): Promise<void> {
    this.assertLive();
    assertArgument(
      checkpoint?.format === 'mine-ib-checkpoint' && checkpoint.version === 1,
      'checkpoint',
      () => 'is not an @mine/ib checkpoint (version 1)',
    );
    const differing = Object.keys(this.config).filter(
      (k) =>
        JSON.stringify(this.config[k as keyof IbConfig]) !==
        JSON.stringify(checkpoint.config[k as keyof IbConfig]),
    );
    assertArgument(
      differing.length === 0,
      'checkpoint',
      () => `was made with other options: ${differing.join(', ')}`,
    );
    assertArgument(
      checkpoint.data === this.dataFingerprint,
      'checkpoint',
      () => `was made on other training data (${checkpoint.data} vs ${this.dataFingerprint})`,
    );
    assertArgument(
      (checkpoint.term === null) === (this.term === null),
      'checkpoint',
      () => 'statistics network state does not match the model',
    );
    loadVariables('classifier', this.variables, checkpoint.variables);
    loadVariables('averaged', this.polyak.averaged, checkpoint.averaged);
    await loadOptimizer(this.optimizer, checkpoint.optimizer);
    if (this.term && checkpoint.term) await this.term.load(checkpoint.term);
    this.iteration = checkpoint.step;
  }

  /** Releases every variable, optimizer slot and the statistics network. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.encoder?.dispose();
    this.decoder.dispose();
    this.term?.dispose();
    this.optimizer.dispose();
    this.polyak.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new InvalidArgumentError({ argument: 'this', message: 'disposed' });
  }
}

/** Mean softmax cross-entropy (nats) of logits [n, k] against one-hot labels [n, k]. */
export function softmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor2D): tf.Scalar {
  return tf.tidy(
    () => tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), 1))) as tf.Scalar,
  );
}

/** KL(N(μ, diag σ²) ‖ N(0, I)) per row (nats): ½ Σ (μ² + σ² − 1 − log σ²). */
export function gaussianKl(mean: tf.Tensor2D, std: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const variance = tf.square(std);
    return tf.mul(
      tf.sum(tf.sub(tf.add(tf.square(mean), variance), tf.add(1, tf.log(variance))), 1),
      0.5,
    );
  });
}

/** Disposes a step's diagnostics. */
export function disposeStepTensors(t: IbStepTensors): void {
  for (const v of Object.values(t)) (v as tf.Tensor | null)?.dispose();
}

/** Reads the rest of a tfjs-data iterator, disposing its tensors (prefetched batches included). */
async function drain(iterator: {
  next(): Promise<IteratorResult<tf.TensorContainer>>;
}): Promise<void> {
  for (;;) {
    const next = await iterator.next();
    if (next.done) return;
    tf.dispose(next.value);
  }
}

function rangeOf(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
