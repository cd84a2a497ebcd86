import {
  assertArgument,
  assertPositiveInteger,
  checkWasmKernels,
  combineWithAdaptiveClip,
  createRng,
  FusedAdam,
  globalNorm,
  InvalidArgumentError,
  loadOptimizer,
  loadVariables,
  MutualInformationTerm,
  runTrainingLoop,
  saveOptimizer,
  saveVariables,
  stepRng,
  stepSeed,
  type TrainingLoopOptions,
} from '@mine/core';
import { gatherPixels, type ImageSet, imageSetFingerprint, imageSize } from '@mine/datasets';
import {
  type AliDecoder,
  type AliDiscriminator,
  type AliEncoder,
  aliDecoder,
  aliDiscriminator,
  aliEncoder,
  aliStatisticsNetwork,
  type ConvStatisticsNetwork,
} from '@mine/nets';
import * as tf from '@tensorflow/tfjs-core';
import type { AliCheckpoint } from './checkpoint.js';
import { type AliConfig, type AliModel, resolveAliConfig } from './config.js';
import { adversarialLosses } from './losses.js';
import { drawIndices, normals } from './random.js';

export interface AliTrainerOptions extends Partial<AliConfig> {
  model: AliModel;
  /** Training images (square, pixels 0..255, scaled to [−1, 1] for the networks). */
  train: ImageSet;
}

/** One iteration's diagnostics as tensors; the caller disposes them (`disposeAliStep`). */
export interface AliStepTensors {
  /** The joint discriminator's loss on (x, E(x)) against (G(z), z). */
  discriminatorLoss: tf.Scalar;
  /** The encoder's and decoder's adversarial loss (labels swapped, non-saturating). */
  generatorLoss: tf.Scalar;
  /** ALICE's reconstruction term before λ: E‖x − G(E(x))‖² (l2) or the pair discriminator's generator loss (adv); null otherwise. */
  reconstructionLoss: tf.Scalar | null;
  /** The statistics network's DV bound on I(G(z); z) for the batch (nats; ALI+MINE). */
  mutualInformation: tf.Scalar | null;
  /** ‖g_u‖: the decoder's adversarial (+ reconstruction) gradient norm. */
  adversarialNorm: tf.Scalar;
  /** ‖g_m‖: the decoder's MI gradient norm before clipping (ALI+MINE). */
  mutualInformationNorm: tf.Scalar | null;
  /** ‖g_a‖: the MI gradient norm the decoder received, after Eq. 21 (ALI+MINE). */
  appliedMutualInformationNorm: tf.Scalar | null;
}

/** `AliStepTensors` read back as numbers, with the iteration count. */
export type AliStepLog = { step: number } & {
  [K in keyof AliStepTensors]: null extends AliStepTensors[K] ? number | null : number;
};

export type AliTrainOptions = TrainingLoopOptions<AliStepLog, AliCheckpoint>;

export interface AliTrainResult {
  /** Iterations done in total. */
  step: number;
  /** true when `signal` stopped the run early. */
  aborted: boolean;
}

// Core's FusedAdam: one kernel per variable on wasm; reads tf.train.adam's checkpoints.
type Optimizer = FusedAdam;
type GradientMap = Parameters<Optimizer['applyGradients']>[0];

/** Images per forward pass when encoding, decoding or reconstructing (bounds memory). */
const EVAL_BATCH = 250;

/**
 * A bidirectional adversarial model on images (Sec. 5.2): an encoder E(x, ε) → z, a decoder
 * G(z) → x with z ~ N(0, I), and a joint discriminator D(x, z) that tells encoder pairs
 * (x, E(x)) from decoder pairs (G(z), z) (Eq. 18). One iteration, on a batch of training images x,
 * noise ε and prior codes z (all networks in training mode; batch-norm averages move once):
 *
 * 1. D: one Adam step on −E[log D(x, E(x))] − E[log(1 − D(G(z), z))], both kinds of pair in one
 *    pass. 'alice-adv' also steps its pair discriminator, (x, x) against (x, G(E(x))).
 * 2. 'ali-mine': the statistics network T(x, z) of core's `MutualInformationTerm` takes one step
 *    on the decoder pairs (G(z), z) against (G(z), z_σ), committing MINE's moving average.
 * 3. E and G: one Adam step on the swapped-label adversarial loss, plus λ·E‖x − G(E(x))‖²
 *    ('alice-l2', the squared distance summed over pixels) or λ times the pair discriminator's
 *    non-saturating loss on (x, G(E(x))) ('alice-adv'). 'ali-mine' adds to the decoder's gradient
 *    g_u the gradient g_m of −β·I(G(z); z) (the term's bias-corrected estimate), clipped to
 *    g_a = min(‖g_u‖, ‖g_m‖)·g_m/‖g_m‖ (Eq. 21) unless `adaptiveClipping` is off; the encoder
 *    gets no MI gradient (Eq. 19 maximises I(x; z) under the decoder).
 *
 * Every random draw of iteration k comes from (seed, k): a restored checkpoint continues bit for
 * bit. Evaluation (`encode`, `decode`, `reconstruct`, `sample`) uses batch-norm running averages.
 */
export class AliTrainer {
  readonly config: Readonly<AliConfig>;
  readonly encoder: AliEncoder;
  readonly decoder: AliDecoder;
  readonly discriminator: AliDiscriminator;
  /** ALICE(adv)'s discriminator of image pairs stacked as channels; null for other models. */
  readonly reconstructionDiscriminator: AliDiscriminator | null;
  /** ALI+MINE's MI term around the statistics network; null for other models. */
  readonly term: MutualInformationTerm | null;
  /** Image height and width. */
  readonly size: number;
  readonly channels: number;
  private readonly train: ImageSet;
  private readonly dataFingerprint: string;
  private readonly generatorOptimizer: Optimizer;
  private readonly discriminatorOptimizer: Optimizer;
  private readonly reconstructionOptimizer: Optimizer | null;
  private iteration = 0;
  private disposed = false;

  constructor(options: AliTrainerOptions) {
    // On wasm the gradients need core's kernel fixes, also after a user's own setBackend.
    checkWasmKernels();
    const { train, ...rest } = options;
    const config = resolveAliConfig(rest);
    assertArgument(
      train != null &&
        train.count >= 2 &&
        train.height === train.width &&
        train.height >= 8 &&
        imageSize(train) > 0,
      'train',
      () => 'must be an ImageSet of at least 2 square images of 8 px or more',
    );
    this.config = Object.freeze(config);
    this.train = train;
    this.dataFingerprint = imageSetFingerprint(train);
    this.size = train.height;
    this.channels = train.channels;
    const { model, width, codeDim, noiseDim, learningRate, adamBeta1, adamBeta2 } = config;
    const adam = (rate = learningRate) =>
      new FusedAdam({ learningRate: rate, beta1: adamBeta1, beta2: adamBeta2 });
    const shape = { size: this.size, width };
    const seeds = createRng(stepSeed(config.seed, 0xffffffff));
    this.encoder = aliEncoder({
      ...shape,
      channels: this.channels,
      noiseDim,
      codeDim,
      seed: seeds.seed(),
    });
    this.decoder = aliDecoder({ ...shape, channels: this.channels, codeDim, seed: seeds.seed() });
    this.discriminator = aliDiscriminator({
      ...shape,
      channels: this.channels,
      codeDim,
      seed: seeds.seed(),
    });
    const pairSeed = seeds.seed();
    const statisticsSeed = seeds.seed();
    this.reconstructionDiscriminator =
      model === 'alice-adv'
        ? aliDiscriminator({ ...shape, channels: 2 * this.channels, codeDim: 0, seed: pairSeed })
        : null;
    this.term =
      model === 'ali-mine'
        ? new MutualInformationTerm({
            critic: aliStatisticsNetwork({
              ...shape,
              channels: this.channels,
              codeDim,
              // As GanTrainer's conv statistics network: under DCGAN's N(0, 0.02²) kernels the
              // layers scale the score down until T learns nothing (at width 1/4 with codes of
              // 128 its estimate stayed 0.000 nats for 500 iterations).
              weightInit: 'glorotUniform',
              seed: statisticsSeed,
            }),
            learningRate,
            adamBeta1,
            adamBeta2,
            emaDecay: config.emaDecay,
            seed: stepSeed(config.seed, 0xfffffffe),
            optimizer: adam(),
          })
        : null;
    this.generatorOptimizer = adam();
    const dRate = config.discriminatorLearningRate;
    this.discriminatorOptimizer = adam(dRate);
    this.reconstructionOptimizer = this.reconstructionDiscriminator ? adam(dRate) : null;
  }

  /** Iterations done. */
  get step(): number {
    return this.iteration;
  }

  /** The statistics network T(x, z) (ALI+MINE); null otherwise. */
  get statisticsNetwork(): ConvStatisticsNetwork | null {
    return (this.term?.critic as ConvStatisticsNetwork | undefined) ?? null;
  }

  /** One iteration (see the class comment). Returns its diagnostics; the caller disposes them. */
  trainStep(): AliStepTensors {
    this.assertLive();
    const { batchSize: n, codeDim, noiseDim, model, lambda, beta } = this.config;
    const { size, channels } = this;
    const rng = stepRng(this.config.seed, this.iteration);
    const pixels = gatherPixels(this.train, drawIndices(n, this.train.count, rng), [-1, 1]);
    const noiseValues = normals(n, noiseDim, rng);
    const codeValues = normals(n, codeDim, rng);
    const { encoder, decoder, discriminator, term } = this;
    const pairs = this.reconstructionDiscriminator;

    const result = tf.tidy(() => {
      const x = tf.tensor4d(pixels, [n, size, size, channels]);
      const noise = tf.tensor2d(noiseValues, [n, noiseDim]);
      const z = tf.tensor2d(codeValues, [n, codeDim]);
      const both = { training: true } as const;

      // 1. Discriminators, on the pairs of this iteration (the batch-norm averages move here).
      const zHat = encoder.apply(x, noise, both);
      const xHat = decoder.apply(z, both);
      const jointX = tf.concat([x, xHat]) as tf.Tensor4D;
      const jointZ = tf.concat([zHat, z]) as tf.Tensor2D;
      const d = tf.variableGrads(
        () => adversarialLosses(discriminator.apply(jointX, jointZ, both)).discriminator,
        discriminator.trainableVariables as tf.Variable[],
      );
      this.discriminatorOptimizer.applyGradients(d.grads as GradientMap);
      if (pairs) {
        const cycled = decoder.apply(zHat, again);
        const pairImages = pairBatch(x, cycled);
        const p = tf.variableGrads(
          () => adversarialLosses(pairs.apply(pairImages, null, both)).discriminator,
          pairs.trainableVariables as tf.Variable[],
        );
        this.reconstructionOptimizer!.applyGradients(p.grads as GradientMap);
      }

      // 2. Statistics network on the decoder pairs (G(z), z).
      const mutualInformation = term ? term.trainStep(flatten(xHat), z) : null;

      // 3. Encoder and decoder.
      const decoderVariables = decoder.trainableVariables as tf.Variable[];
      const generatorVariables = [
        ...(encoder.trainableVariables as tf.Variable[]),
        ...decoderVariables,
      ];
      // The reconstruction term, kept out of the gradient's scope for the diagnostics.
      const kept: { reconstruction: tf.Scalar | null } = { reconstruction: null };
      const u = tf.variableGrads(() => {
        const codes = encoder.apply(x, noise, again);
        const images = decoder.apply(z, again);
        const logits = discriminator.apply(
          tf.concat([x, images]) as tf.Tensor4D,
          tf.concat([codes, z]) as tf.Tensor2D,
          again,
        );
        let loss = adversarialLosses(logits).generator;
        if (model === 'alice-l2' || pairs) {
          const cycled = decoder.apply(codes, again);
          const reconstruction =
            model === 'alice-l2'
              ? (tf.mean(tf.sum(tf.square(tf.sub(x, cycled)), [1, 2, 3])) as tf.Scalar)
              : adversarialLosses(pairs!.apply(pairBatch(x, cycled), null, again)).generator;
          kept.reconstruction = tf.keep(reconstruction);
          loss = tf.add(loss, tf.mul(reconstruction, lambda));
        }
        return loss;
      }, generatorVariables);
      const decoderGrads: tf.NamedTensorMap = {};
      for (const v of decoderVariables) decoderGrads[v.name] = u.grads[v.name]!;
      const adversarialNorm = globalNorm(decoderGrads);
      let mutualInformationNorm: tf.Scalar | null = null;
      let appliedMutualInformationNorm: tf.Scalar | null = null;
      let update = u.grads;
      if (term && beta > 0) {
        const m = tf.variableGrads(
          () => tf.mul(term.estimate(flatten(decoder.apply(z, again)), z), -beta) as tf.Scalar,
          decoderVariables,
        );
        mutualInformationNorm = globalNorm(m.grads);
        const combined = this.config.adaptiveClipping
          ? combineWithAdaptiveClip(decoderGrads, m.grads)
          : addGradients(decoderGrads, m.grads);
        const applied: tf.NamedTensorMap = {};
        for (const k of Object.keys(combined)) applied[k] = tf.sub(combined[k]!, decoderGrads[k]!);
        appliedMutualInformationNorm = globalNorm(applied);
        update = { ...u.grads, ...combined };
      }
      this.generatorOptimizer.applyGradients(update as GradientMap);

      const out: AliStepTensors = {
        discriminatorLoss: d.value,
        generatorLoss: kept.reconstruction
          ? tf.sub(u.value, tf.mul(kept.reconstruction, lambda))
          : u.value,
        reconstructionLoss: kept.reconstruction,
        mutualInformation,
        adversarialNorm,
        mutualInformationNorm,
        appliedMutualInformationNorm,
      } as AliStepTensors;
      return out as unknown as tf.TensorContainerObject;
    }) as unknown as AliStepTensors;
    this.iteration++;
    return result;
  }

  /** Trains until `iterations` are done in total (core's `runTrainingLoop`). */
  async fit(options: AliTrainOptions): Promise<AliTrainResult> {
    return runTrainingLoop(
      {
        done: () => this.iteration,
        step: () => this.trainStep(),
        read: readAliStep,
        dispose: disposeAliStep,
        checkpoint: () => this.checkpoint(),
      },
      options,
    );
  }

  /** Codes E(x, ε) of images [n, pixels] on the [−1, 1] scale; ε is drawn from `seed`. */
  async encode(images: Float32Array, seed: number): Promise<Float32Array> {
    const { codeDim, noiseDim } = this.config;
    const n = this.imageCount(images, 'images');
    const noise = normals(n, noiseDim, createRng(seed));
    return this.batched(n, codeDim, (from, count) =>
      this.encoder.apply(
        tf.tensor4d(this.rows(images, from, count), [count, this.size, this.size, this.channels]),
        tf.tensor2d(noise.subarray(from * noiseDim, (from + count) * noiseDim), [count, noiseDim]),
      ),
    );
  }

  /** Images G(z) [n, pixels] on the [−1, 1] scale of codes z [n, codeDim]. */
  async decode(codes: Float32Array): Promise<Float32Array> {
    const { codeDim } = this.config;
    assertArgument(
      codes.length > 0 && codes.length % codeDim === 0,
      'codes',
      () => `must hold whole codes of ${codeDim} values, got ${codes.length}`,
    );
    const n = codes.length / codeDim;
    return this.batched(n, this.pixels, (from, count) =>
      this.decoder.apply(
        tf.tensor2d(codes.subarray(from * codeDim, (from + count) * codeDim), [count, codeDim]),
      ),
    );
  }

  /** Reconstructions G(E(x, ε)) of images [n, pixels] on the [−1, 1] scale. */
  async reconstruct(images: Float32Array, seed: number): Promise<Float32Array> {
    return this.decode(await this.encode(images, seed));
  }

  /** n samples G(z), z ~ N(0, I) drawn from `seed`, as images [n, pixels] on the [−1, 1] scale. */
  async sample(n: number, seed: number): Promise<Float32Array> {
    assertPositiveInteger(n, 'n');
    return this.decode(normals(n, this.config.codeDim, createRng(seed)));
  }

  /** Everything needed to continue this run exactly (see `AliTrainer.restore`). */
  async checkpoint(): Promise<AliCheckpoint> {
    this.assertLive();
    const pairs = this.reconstructionDiscriminator;
    return {
      format: 'mine-ali-checkpoint',
      version: 1,
      config: structuredClone({ ...this.config }),
      data: this.dataFingerprint,
      step: this.iteration,
      variables: {
        encoder: await saveVariables(this.encoder.variables),
        decoder: await saveVariables(this.decoder.variables),
        discriminator: await saveVariables(this.discriminator.variables),
        reconstructionDiscriminator: pairs ? await saveVariables(pairs.variables) : null,
      },
      optimizers: {
        generator: await saveOptimizer(this.generatorOptimizer),
        discriminator: await saveOptimizer(this.discriminatorOptimizer),
        reconstructionDiscriminator: this.reconstructionOptimizer
          ? await saveOptimizer(this.reconstructionOptimizer)
          : null,
      },
      statistics: this.term ? await this.term.save() : null,
    };
  }

  /** Rebuilds a trainer from a checkpoint and the same training images. */
  static async restore(
    checkpoint: AliCheckpoint,
    options: { train: ImageSet },
  ): Promise<AliTrainer> {
    assertArgument(
      checkpoint.format === 'mine-ali-checkpoint' && checkpoint.version === 1,
      'checkpoint',
      () => 'is not a @mine/ali checkpoint (version 1)',
    );
    const got = imageSetFingerprint(options.train);
    if (got !== checkpoint.data) {
      throw new InvalidArgumentError({
        argument: 'train',
        message: `differs from the checkpoint's training images (fingerprint ${got}, expected ${checkpoint.data})`,
      });
    }
    const trainer = new AliTrainer({ ...checkpoint.config, train: options.train });
    try {
      await trainer.load(checkpoint);
    } catch (error) {
      trainer.dispose();
      throw error;
    }
    return trainer;
  }

  /** Releases every variable and optimizer slot. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.encoder.dispose();
    this.decoder.dispose();
    this.discriminator.dispose();
    this.reconstructionDiscriminator?.dispose();
    this.term?.dispose();
    this.generatorOptimizer.dispose();
    this.discriminatorOptimizer.dispose();
    this.reconstructionOptimizer?.dispose();
  }

  private async load(checkpoint: AliCheckpoint): Promise<void> {
    const { variables, optimizers, statistics } = checkpoint;
    loadVariables('encoder', this.encoder.variables, variables.encoder);
    loadVariables('decoder', this.decoder.variables, variables.decoder);
    loadVariables('discriminator', this.discriminator.variables, variables.discriminator);
    const pairs = this.reconstructionDiscriminator;
    if (pairs) {
      assertArgument(
        variables.reconstructionDiscriminator && optimizers.reconstructionDiscriminator,
        'checkpoint',
        () => 'has no reconstruction discriminator, but its model needs one',
      );
      loadVariables(
        'reconstructionDiscriminator',
        pairs.variables,
        variables.reconstructionDiscriminator,
      );
      await loadOptimizer(this.reconstructionOptimizer!, optimizers.reconstructionDiscriminator);
    }
    if (this.term) {
      assertArgument(
        statistics,
        'checkpoint',
        () => 'has no statistics network, but its model needs one',
      );
      await this.term.load(statistics);
    }
    await loadOptimizer(this.generatorOptimizer, optimizers.generator);
    await loadOptimizer(this.discriminatorOptimizer, optimizers.discriminator);
    this.iteration = checkpoint.step;
  }

  private get pixels(): number {
    return this.size * this.size * this.channels;
  }

  private imageCount(images: Float32Array, name: string): number {
    this.assertLive();
    const size = this.pixels;
    assertArgument(
      images instanceof Float32Array && images.length > 0 && images.length % size === 0,
      name,
      () => `must be a Float32Array of whole ${this.size}×${this.size}×${this.channels} images`,
    );
    return images.length / size;
  }

  private rows(images: Float32Array, from: number, count: number): Float32Array {
    return images.subarray(from * this.pixels, (from + count) * this.pixels);
  }

  /** Runs `pass` over [0, n) in batches (in tf.tidy) and gathers its outputs, `width` values a row. */
  private async batched(
    n: number,
    width: number,
    pass: (from: number, count: number) => tf.Tensor,
  ): Promise<Float32Array> {
    this.assertLive();
    const out = new Float32Array(n * width);
    for (let from = 0; from < n; from += EVAL_BATCH) {
      const count = Math.min(EVAL_BATCH, n - from);
      const t = tf.tidy(() => pass(from, count));
      out.set((await t.data()) as Float32Array, from * width);
      t.dispose();
    }
    return out;
  }

  private assertLive(): void {
    if (this.disposed) throw new InvalidArgumentError({ argument: 'this', message: 'disposed' });
  }
}

/** Training mode for the extra passes of an iteration: the batch-norm averages moved in step 1. */
const again = { training: true, updateStatistics: false } as const;

/** (x, x) pairs, then (x, x') pairs, each stacked as channels: ALICE(adv)'s real and fake pairs. */
function pairBatch(x: tf.Tensor4D, other: tf.Tensor4D): tf.Tensor4D {
  return tf.concat([tf.concat([x, x], 3), tf.concat([x, other], 3)]) as tf.Tensor4D;
}

function flatten(images: tf.Tensor4D): tf.Tensor2D {
  const [n, h, w, c] = images.shape;
  return tf.reshape(images, [n, h * w * c]) as tf.Tensor2D;
}

function addGradients(a: tf.NamedTensorMap, b: tf.NamedTensorMap): tf.NamedTensorMap {
  const out: tf.NamedTensorMap = {};
  for (const k of Object.keys(a)) out[k] = tf.add(a[k]!, b[k]!);
  return out;
}

/** Reads a step's diagnostics (asynchronously). Does not dispose them. */
export async function readAliStep(step: number, tensors: AliStepTensors): Promise<AliStepLog> {
  const read = async (t: tf.Scalar | null) => (t ? (await t.data())[0]! : null);
  return {
    step,
    discriminatorLoss: (await read(tensors.discriminatorLoss))!,
    generatorLoss: (await read(tensors.generatorLoss))!,
    reconstructionLoss: await read(tensors.reconstructionLoss),
    mutualInformation: await read(tensors.mutualInformation),
    adversarialNorm: (await read(tensors.adversarialNorm))!,
    mutualInformationNorm: await read(tensors.mutualInformationNorm),
    appliedMutualInformationNorm: await read(tensors.appliedMutualInformationNorm),
  };
}

/** Disposes a step's diagnostics. */
export function disposeAliStep(tensors: AliStepTensors): void {
  for (const t of Object.values(tensors)) (t as tf.Tensor | null)?.dispose();
}
