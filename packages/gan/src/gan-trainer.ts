import {
  assertArgument,
  assertPositiveInteger,
  type Critic,
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
import type { ImageSet } from '@mine/datasets';
import { DEFAULT_WEIGHT_INIT, type WeightInit } from '@mine/nets';
import * as tf from '@tensorflow/tfjs-core';
import type { GanCheckpoint } from './checkpoint.js';
import { assertCodePrior, type CodePrior, codeWidth } from './code-prior.js';
import { ImageStream } from './image-stream.js';
import { discriminatorLoss, generatorLoss } from './losses.js';
import {
  buildNetworks,
  DCGAN_SIZE,
  GAN_ARCHITECTURES,
  type GanArchitecture,
  type GanDiscriminator,
  type GanGenerator,
} from './networks.js';
import { drawPrior, drawRows, fingerprint, type NoiseKind } from './random.js';

/** The serialisable part of the options: everything but the data. */
export interface GanConfig {
  /** Data dimension (for images, height · width · channels of one image). */
  dataDim: number;
  /** The networks: fully connected (toy data) or DCGAN + Table 6 (images). See `GanArchitecture`. */
  architecture: GanArchitecture;
  /** Width multiplier of the `dcgan` networks and statistics network (1: Tables 4-6). */
  width: number;
  /** β of Eq. 17: weight of I(G([ε, c]); c) in the generator objective. 0 is the plain GAN. */
  beta: number;
  /** Dimension of the noise ε. */
  noiseDim: number;
  /** Distribution of ε: N(0, I), or U(−1, 1)^noiseDim as Table 4's z. */
  noise: NoiseKind;
  /** Distribution of the code c (its width is `codeWidth(codePrior)`). */
  codePrior: CodePrior;
  batchSize: number;
  /** Adam learning rate of all three networks. */
  learningRate: number;
  adamBeta1: number;
  adamBeta2: number;
  /** Weight of the past in the MINE moving average of E_Q[e^T] (Sec. 3.2). */
  emaDecay: number;
  /**
   * Generator steps per iteration (after the one discriminator step), on the same prior batch.
   * PacGAN's and VEEGAN's Stacked-MNIST code (after DCGAN-tensorflow) takes 2.
   */
  generatorSteps: number;
  /** Clip the MI gradient to the adversarial gradient's norm (Eq. 21). */
  adaptiveClipping: boolean;
  /** Train a statistics network even when β = 0, to report I(G; c) for the baseline. */
  monitorMutualInformation: boolean;
  generatorHidden: number[];
  discriminatorHidden: number[];
  statisticsHidden: number[];
  /** Kernel initialisation of the generator and the discriminator (`@mine/nets`' WeightInit). */
  weightInit: WeightInit;
  seed: number;
}

/** The training data: rows (toy data, `mlp`) or images (`dcgan`). */
export type GanData = { data: Float32Array } | { images: ImageSet };

export interface GanTrainerOptions extends Partial<GanConfig> {
  /** Training points, row-major [rows, dataDim] (Sec. 8.1.2 uses 100,000). */
  data?: Float32Array;
  /**
   * Training images (bytes, channels last) instead of `data`, read as epochs of seeded shuffled
   * tfjs-data batches scaled to [−1, 1] (`ImageStream`); dataDim follows from their size.
   */
  images?: ImageSet;
}

/**
 * Defaults: the paper's values where it gives them (Sec. 8.1.2: β ∈ {0, 1}, Adam with learning
 * rate 1e-4, batch 100, generator 500-500, discriminator and statistics network 400-400-400).
 * The paper does not give the prior or Adam's β1; we use ε ~ N(0, I_8), c ~ U(−1, 1)^2 (the
 * InfoGAN split of Chen et al., 2016, with continuous codes), and from the code of the
 * Dumoulin et al. (2016) networks it follows, β1 = 0.5 and N(0, 0.02²) kernels for the generator and
 * the discriminator. For mode coverage pass a categorical `codePrior` with about as many classes as
 * the data has modes: on 25 Gaussians a one-hot code of 25 classes covered 23 modes where
 * U(−1, 1)^2 covered none (`pnpm repro fig4 --ablation`).
 */
export const GAN_DEFAULTS: Omit<GanConfig, 'dataDim'> = {
  architecture: 'mlp',
  width: 1,
  beta: 1,
  noiseDim: 8,
  noise: 'normal',
  codePrior: { kind: 'uniform', dim: 2 },
  batchSize: 100,
  learningRate: 1e-4,
  adamBeta1: 0.5,
  adamBeta2: 0.999,
  emaDecay: 0.99,
  generatorSteps: 1,
  adaptiveClipping: true,
  monitorMutualInformation: false,
  generatorHidden: [500, 500],
  discriminatorHidden: [400, 400, 400],
  statisticsHidden: [400, 400, 400],
  weightInit: DEFAULT_WEIGHT_INIT,
  seed: 0,
};

/** One iteration's diagnostics as tensors (the caller disposes them, e.g. with tf.dispose). */
export interface StepTensors {
  discriminatorLoss: tf.Scalar;
  /** The non-saturating adversarial loss −E[log D(G(z))]. */
  generatorLoss: tf.Scalar;
  /** The statistics network's DV bound on I(G([ε, c]); c) for the batch (nats); null without one. */
  mutualInformation: tf.Scalar | null;
  /** ‖g_u‖, the adversarial gradient's norm over all generator parameters. */
  adversarialNorm: tf.Scalar;
  /** ‖g_m‖, the MI gradient's norm before clipping; null when β = 0. */
  mutualInformationNorm: tf.Scalar | null;
  /** ‖g_a‖, the norm of the MI gradient the generator received (after Eq. 21); null when β = 0. */
  appliedMutualInformationNorm: tf.Scalar | null;
}

/** `StepTensors` read back as numbers, with the iteration count. */
export interface StepLog {
  /** Iterations done, this one included. */
  step: number;
  discriminatorLoss: number;
  generatorLoss: number;
  mutualInformation: number | null;
  adversarialNorm: number;
  mutualInformationNorm: number | null;
  appliedMutualInformationNorm: number | null;
}

export type TrainOptions = TrainingLoopOptions<StepLog, GanCheckpoint<GanConfig>>;

export interface TrainResult {
  /** Iterations done in total. */
  step: number;
  /** true when `signal` stopped the run early. */
  aborted: boolean;
}

/**
 * A GAN whose generator maximises E[log D(G([ε, c]))] + β·I(G([ε, c]); c) (Eq. 17), the mutual
 * information estimated by a MINE statistics network T(x, c). One trainer for the toy data
 * (`architecture: 'mlp'`, rows of a Float32Array) and for images (`'dcgan'`, an `ImageSet`
 * streamed as tfjs-data batches, Tables 4-6).
 *
 * One iteration, on a batch of real samples x and prior samples z = [ε, c]:
 * 1. x̂ = G(z) in training mode (batch-norm batch statistics; the generator's running averages
 *    move here, once per iteration). Discriminator: one Adam step on −E[log D(x)] −
 *    E[log(1 − D(x̂))] (a DCGAN discriminator normalises the real and the generated batch each
 *    with its own statistics, as DCGAN's code does).
 * 2. Statistics network (β > 0), core's `MutualInformationTerm`: one Adam step maximising the
 *    MINE objective on the pairs (x̂, c) against (x̂, c_σ), σ a derangement of the batch, with
 *    the moving-average corrected DV gradient (Sec. 3.2); the average is committed here, once
 *    per iteration.
 * 3. Generator, `generatorSteps` times on the same z: g_u = ∇_θ −E[log D(G(z))]
 *    (non-saturating) and, when β > 0, g_m = ∇_θ −β·I(G(z); c) through the statistics network
 *    (the term's `estimate`, whose gradient uses the committed average without folding the
 *    batch in again), each from its own `tf.variableGrads`; the update is g_u + g_a with
 *    g_a = min(‖g_u‖, ‖g_m‖)·g_m/‖g_m‖ (Eq. 21, core's `combineWithAdaptiveClip`), or
 *    g_u + g_m without clipping. With β = 0 there is no statistics network and no g_m.
 *
 * Every random draw of iteration k comes from `createRng(stepSeed(seed, k))` and image batch k
 * is a function of (seed, k) (`ImageStream`), so a checkpoint needs no generator state and a
 * restored run continues bit for bit.
 */
export class GanTrainer {
  readonly config: Readonly<GanConfig>;
  readonly generator: GanGenerator;
  readonly discriminator: GanDiscriminator;
  /** The MI term around the statistics network T(x, c); null when β = 0 (unless monitoring). */
  private readonly mi: MutualInformationTerm | null;
  /** Columns of the code c. */
  readonly codeDim: number;
  /** The shape of one sample: [dataDim] for rows, [28, 28, channels] for images. */
  readonly sampleShape: readonly number[];
  private readonly data: Float32Array | null;
  private readonly stream: ImageStream | null;
  private readonly dataFingerprint: string;
  private readonly generatorOptimizer: FusedAdam;
  private readonly discriminatorOptimizer: FusedAdam;
  private iteration = 0;
  private disposed = false;

  constructor(options: GanTrainerOptions) {
    // On wasm the gradients need core's kernel fixes, also after a user's own setBackend.
    checkWasmKernels();
    const { data, images, ...rest } = options;
    assertArgument(
      (data === undefined) !== (images === undefined),
      'data',
      () => 'give either data (rows) or images, not both and not neither',
    );
    const imageDim = images ? images.height * images.width * images.channels : undefined;
    const config: GanConfig = {
      ...GAN_DEFAULTS,
      ...(imageDim !== undefined ? { dataDim: imageDim, architecture: 'dcgan' } : {}),
      ...definedOnly(rest),
    } as GanConfig;
    validateConfig(config);
    if (data !== undefined) {
      assertArgument(
        data instanceof Float32Array && data.length > 0 && data.length % config.dataDim === 0,
        'data',
        () => `must be a non-empty Float32Array of rows of ${config.dataDim} values`,
      );
      assertArgument(
        config.architecture === 'mlp',
        'architecture',
        () => `"${config.architecture}" trains on images; rows of data need "mlp"`,
      );
    } else {
      const set = images!;
      assertArgument(
        config.architecture === 'dcgan' && set.height === DCGAN_SIZE && set.width === DCGAN_SIZE,
        'images',
        () =>
          `need the "dcgan" architecture and ${DCGAN_SIZE}×${DCGAN_SIZE} images, got ${set.height}×${set.width} with "${config.architecture}"`,
      );
      assertArgument(
        config.dataDim === imageDim,
        'dataDim',
        () => `must be the images' size ${imageDim}, got ${config.dataDim}`,
      );
    }
    this.config = Object.freeze({
      ...config,
      generatorHidden: [...config.generatorHidden],
      discriminatorHidden: [...config.discriminatorHidden],
      statisticsHidden: [...config.statisticsHidden],
      codePrior: { ...config.codePrior },
      weightInit:
        typeof config.weightInit === 'string' ? config.weightInit : { ...config.weightInit },
    });
    this.data = data ?? null;
    this.stream = images
      ? new ImageStream(images, config.batchSize, stepSeed(config.seed, 0xfffffffd))
      : null;
    this.dataFingerprint = fingerprint(data ?? images!.images);
    const { seed, dataDim, noiseDim, learningRate, adamBeta1, adamBeta2 } = config;
    // One fused kernel per variable on wasm; reads tf.train.adam's checkpoints (core's FusedAdam).
    const adam = () => new FusedAdam({ learningRate, beta1: adamBeta1, beta2: adamBeta2 });
    const codeDim = codeWidth(config.codePrior);
    this.codeDim = codeDim;
    const withStatistics = config.beta > 0 || config.monitorMutualInformation;
    const networks = buildNetworks(
      {
        architecture: config.architecture,
        dataDim,
        inputDim: noiseDim + codeDim,
        codeDim,
        width: config.width,
        generatorHidden: config.generatorHidden,
        discriminatorHidden: config.discriminatorHidden,
        statisticsHidden: config.statisticsHidden,
        weightInit: config.weightInit,
        withStatistics,
      },
      createRng(stepSeed(seed, 0xffffffff)),
    );
    this.generator = networks.generator;
    this.discriminator = networks.discriminator;
    this.sampleShape = networks.sampleShape;
    this.mi = networks.statistics
      ? new MutualInformationTerm({
          critic: networks.statistics,
          learningRate,
          adamBeta1,
          adamBeta2,
          emaDecay: config.emaDecay,
          seed: stepSeed(seed, 0xfffffffe),
          optimizer: adam(),
        })
      : null;
    this.generatorOptimizer = adam();
    this.discriminatorOptimizer = adam();
  }

  /** The statistics network T(x, c); null when β = 0 (unless monitorMutualInformation). */
  get statisticsNetwork(): Critic | null {
    return this.mi?.critic ?? null;
  }

  /** Iterations done. */
  get step(): number {
    return this.iteration;
  }

  /**
   * One iteration on rows of data (see the class comment). Returns its diagnostics; the caller
   * disposes them. Images arrive asynchronously: use `nextStep` (or `train`) for them.
   */
  trainStep(): StepTensors {
    this.assertLive();
    assertArgument(
      this.data !== null,
      'trainStep',
      () => 'reads rows of data; a trainer on images steps with nextStep()',
    );
    const { batchSize, dataDim, noiseDim, codePrior, noise } = this.config;
    const rng = stepRng(this.config.seed, this.iteration);
    const realRows = drawRows(this.data, dataDim, batchSize, rng);
    const prior = drawPrior(batchSize, noiseDim, codePrior, rng, noise);
    return this.iterate(() => tf.tensor2d(realRows, [batchSize, dataDim]), prior);
  }

  /** One iteration on either kind of data; returns its diagnostics (the caller disposes them). */
  async nextStep(): Promise<StepTensors> {
    this.assertLive();
    if (!this.stream) return this.trainStep();
    const { batchSize, noiseDim, codePrior, noise } = this.config;
    const real = await this.stream.batch(this.iteration);
    try {
      const prior = drawPrior(
        batchSize,
        noiseDim,
        codePrior,
        stepRng(this.config.seed, this.iteration),
        noise,
      );
      return this.iterate(() => real, prior);
    } finally {
      real.dispose();
    }
  }

  private iterate(
    realBatch: () => tf.Tensor,
    prior: { z: Float32Array; code: Float32Array },
  ): StepTensors {
    const { batchSize, dataDim, noiseDim, beta, generatorSteps } = this.config;
    const codeDim = this.codeDim;
    const generator = this.generator;
    const discriminator = this.discriminator;
    const mi = this.mi;
    const flat = (x: tf.Tensor) => tf.reshape(x, [batchSize, dataDim]) as tf.Tensor2D;

    const result = tf.tidy(() => {
      const real = realBatch();
      const z = tf.tensor2d(prior.z, [batchSize, noiseDim + codeDim]);
      const code = tf.tensor2d(prior.code, [batchSize, codeDim]);

      // 1. Discriminator.
      const fake = generator.apply(z, { training: true });
      const d = tf.variableGrads(
        () =>
          discriminatorLoss(
            discriminator.apply(real, { training: true }),
            discriminator.apply(fake, train),
          ),
        discriminator.trainableVariables as tf.Variable[],
      );
      this.discriminatorOptimizer.applyGradients(d.grads);

      // 2. Statistics network: one step on (x̂, c), committing the moving average.
      const mutualInformation = mi ? mi.trainStep(flat(fake), code) : null;

      // 3. Generator, k times on the same z: g_u, then g_m, each its own gradient; BN averages
      // already moved in 1. The diagnostics are the last step's.
      let out: GeneratorStep | null = null;
      for (let k = 0; k < generatorSteps; k++) {
        if (out) disposeStep(out as StepTensors);
        out = tf.tidy(
          () => this.generatorStep(z, code, beta, flat) as unknown as tf.TensorContainerObject,
        ) as unknown as GeneratorStep;
      }
      const step: StepTensors = {
        discriminatorLoss: d.value,
        mutualInformation,
        ...out!,
      };
      return step as unknown as tf.TensorContainerObject;
    }) as unknown as StepTensors;
    this.iteration++;
    return result;
  }

  /** One generator update (step 3 of the class comment); returns its diagnostics. */
  private generatorStep(
    z: tf.Tensor2D,
    code: tf.Tensor2D,
    beta: number,
    flat: (x: tf.Tensor) => tf.Tensor2D,
  ): GeneratorStep {
    const generator = this.generator;
    const discriminator = this.discriminator;
    const mi = this.mi;
    const generatorVariables = generator.trainableVariables as tf.Variable[];
    const u = tf.variableGrads(
      () => generatorLoss(discriminator.apply(generator.apply(z, train), train)),
      generatorVariables,
    );
    const adversarialNorm = globalNorm(u.grads);
    let mutualInformationNorm: tf.Scalar | null = null;
    let appliedMutualInformationNorm: tf.Scalar | null = null;
    let update = u.grads;
    if (beta > 0 && mi) {
      const m = tf.variableGrads(
        () => tf.mul(mi.estimate(flat(generator.apply(z, train)), code), -beta) as tf.Scalar,
        generatorVariables,
      );
      mutualInformationNorm = globalNorm(m.grads);
      update = this.config.adaptiveClipping
        ? combineWithAdaptiveClip(u.grads, m.grads)
        : addGradients(u.grads, m.grads);
      const applied: tf.NamedTensorMap = {};
      for (const k of Object.keys(update)) applied[k] = tf.sub(update[k]!, u.grads[k]!);
      appliedMutualInformationNorm = globalNorm(applied);
    }
    this.generatorOptimizer.applyGradients(update);
    return {
      generatorLoss: u.value,
      adversarialNorm,
      mutualInformationNorm,
      appliedMutualInformationNorm,
    };
  }

  /** Trains until `iterations` are done in total (core's `runTrainingLoop`). */
  async train(options: TrainOptions): Promise<TrainResult> {
    return runTrainingLoop(
      {
        done: () => this.iteration,
        step: () => (this.stream ? this.nextStep() : this.trainStep()),
        read: readStep,
        dispose: disposeStep,
        checkpoint: () => this.checkpoint(),
      },
      options,
    );
  }

  /**
   * Samples of the generator in evaluation mode (batch-norm running averages), with their own
   * seed: equal seeds give equal prior samples. Returns row-major points [n, dataDim] (images
   * flattened, channels last) and codes [n, codeDim]. `batchSize` bounds the samples generated
   * at once (default: all n in one pass).
   */
  async sample(
    n: number,
    seed: number,
    options: { batchSize?: number } = {},
  ): Promise<{ points: Float32Array; codes: Float32Array }> {
    this.assertLive();
    assertPositiveInteger(n, 'n');
    const chunk = options.batchSize ?? n;
    assertPositiveInteger(chunk, 'batchSize');
    const { noiseDim, codePrior, noise, dataDim } = this.config;
    const width = noiseDim + this.codeDim;
    const prior = drawPrior(n, noiseDim, codePrior, createRng(seed), noise);
    const points = new Float32Array(n * dataDim);
    for (let from = 0; from < n; from += chunk) {
      const rows = Math.min(chunk, n - from);
      const batch = tf.tidy(() =>
        this.generator.apply(
          tf.tensor2d(prior.z.subarray(from * width, (from + rows) * width), [rows, width]),
        ),
      );
      points.set((await batch.data()) as Float32Array, from * dataDim);
      batch.dispose();
    }
    return { points, codes: prior.code };
  }

  /**
   * The DV bound on I(G([ε, c]); c) (nats) on n fresh evaluation-mode samples, from the
   * statistics network as trained (the term's `evaluate`: no state changes); null without one.
   */
  async mutualInformation(n: number, seed: number): Promise<number | null> {
    const mi = this.mi;
    if (!mi) return null;
    const { points, codes } = await this.sample(n, seed);
    const value = tf.tidy(() =>
      mi.evaluate(
        tf.tensor2d(points, [n, this.config.dataDim]),
        tf.tensor2d(codes, [n, this.codeDim]),
      ),
    );
    const result = (await value.data())[0]!;
    value.dispose();
    return result;
  }

  /** Everything needed to continue this run exactly (see `GanTrainer.restore`). */
  async checkpoint(): Promise<GanCheckpoint<GanConfig>> {
    this.assertLive();
    return {
      format: 'mine-gan-checkpoint',
      version: 2,
      config: structuredClone({ ...this.config }),
      data: this.dataFingerprint,
      step: this.iteration,
      variables: {
        generator: await saveVariables(this.generator.variables),
        discriminator: await saveVariables(this.discriminator.variables),
      },
      optimizers: {
        generator: await saveOptimizer(this.generatorOptimizer),
        discriminator: await saveOptimizer(this.discriminatorOptimizer),
      },
      statistics: this.mi ? await this.mi.save() : null,
    };
  }

  /**
   * Rebuilds a trainer from a checkpoint and the same training data (rows or images); training
   * it on continues the run exactly as if it had not stopped.
   */
  static async restore(checkpoint: GanCheckpoint<GanConfig>, source: GanData): Promise<GanTrainer> {
    assertArgument(
      checkpoint.format === 'mine-gan-checkpoint' && checkpoint.version === 2,
      'checkpoint',
      () => 'is not a @mine/gan checkpoint (version 2)',
    );
    const bytes = 'images' in source ? source.images.images : source.data;
    const got = fingerprint(bytes);
    if (got !== checkpoint.data) {
      throw new InvalidArgumentError({
        argument: 'images' in source ? 'images' : 'data',
        message: `differs from the checkpoint's training data (fingerprint ${got}, expected ${checkpoint.data})`,
      });
    }
    const trainer = new GanTrainer({ ...checkpoint.config, ...source });
    try {
      await trainer.load(checkpoint);
    } catch (error) {
      trainer.dispose();
      throw error;
    }
    return trainer;
  }

  private async load(checkpoint: GanCheckpoint<GanConfig>): Promise<void> {
    const { variables, optimizers, statistics } = checkpoint;
    loadVariables('generator', this.generator.variables, variables.generator);
    loadVariables('discriminator', this.discriminator.variables, variables.discriminator);
    if (this.mi) {
      assertArgument(
        statistics,
        'checkpoint',
        () => 'has no statistics network, but its config needs one',
      );
      await this.mi.load(statistics);
    }
    await loadOptimizer(this.generatorOptimizer, optimizers.generator);
    await loadOptimizer(this.discriminatorOptimizer, optimizers.discriminator);
    this.iteration = checkpoint.step;
  }

  /** Releases every variable and optimizer slot. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.generator.dispose();
    this.discriminator.dispose();
    this.mi?.dispose();
    this.generatorOptimizer.dispose();
    this.discriminatorOptimizer.dispose();
    this.stream?.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new InvalidArgumentError({ argument: 'this', message: 'disposed' });
  }
}

const train = { training: true, updateStatistics: false } as const;

/** The generator's part of `StepTensors`. */
type GeneratorStep = Pick<
  StepTensors,
  'generatorLoss' | 'adversarialNorm' | 'mutualInformationNorm' | 'appliedMutualInformationNorm'
>;

/** Reads a step's diagnostics (asynchronously). Does not dispose them. */
export async function readStep(step: number, tensors: StepTensors): Promise<StepLog> {
  const read = async (t: tf.Scalar | null) => (t ? (await t.data())[0]! : null);
  return {
    step,
    discriminatorLoss: (await read(tensors.discriminatorLoss))!,
    generatorLoss: (await read(tensors.generatorLoss))!,
    mutualInformation: await read(tensors.mutualInformation),
    adversarialNorm: (await read(tensors.adversarialNorm))!,
    mutualInformationNorm: await read(tensors.mutualInformationNorm),
    appliedMutualInformationNorm: await read(tensors.appliedMutualInformationNorm),
  };
}

/** Disposes a step's diagnostics. */
export function disposeStep(tensors: StepTensors): void {
  for (const t of Object.values(tensors)) (t as tf.Tensor | null)?.dispose();
}

function addGradients(a: tf.NamedTensorMap, b: tf.NamedTensorMap): tf.NamedTensorMap {
  const out: tf.NamedTensorMap = {};
  for (const k of Object.keys(a)) out[k] = tf.add(a[k]!, b[k]!);
  return out;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function validateConfig(c: GanConfig): void {
  assertPositiveInteger(c.dataDim, 'dataDim');
  assertArgument(
    (GAN_ARCHITECTURES as readonly string[]).includes(c.architecture),
    'architecture',
    () => `must be one of ${GAN_ARCHITECTURES.join(', ')}, got ${JSON.stringify(c.architecture)}`,
  );
  assertArgument(
    Number.isFinite(c.width) && c.width > 0 && c.width <= 8,
    'width',
    () => `must be in (0, 8] (1 is the paper's networks), got ${c.width}`,
  );
  assertArgument(
    c.noise === 'normal' || c.noise === 'uniform',
    'noise',
    () => `must be "normal" or "uniform", got ${JSON.stringify(c.noise)}`,
  );
  assertPositiveInteger(c.generatorSteps, 'generatorSteps');
  assertCodePrior(c.codePrior, 'codePrior');
  assertPositiveInteger(c.batchSize, 'batchSize');
  assertArgument(
    Number.isInteger(c.noiseDim) && c.noiseDim >= 0,
    'noiseDim',
    () => `must be a non-negative integer, got ${c.noiseDim}`,
  );
  assertArgument(c.batchSize >= 2, 'batchSize', () => `must be at least 2, got ${c.batchSize}`);
  assertArgument(
    Number.isFinite(c.beta) && c.beta >= 0,
    'beta',
    () => `must be >= 0, got ${c.beta}`,
  );
  assertArgument(
    c.learningRate > 0,
    'learningRate',
    () => `must be positive, got ${c.learningRate}`,
  );
  assertArgument(
    c.adamBeta1 >= 0 && c.adamBeta1 < 1,
    'adamBeta1',
    () => `must be in [0, 1), got ${c.adamBeta1}`,
  );
  assertArgument(
    c.adamBeta2 >= 0 && c.adamBeta2 < 1,
    'adamBeta2',
    () => `must be in [0, 1), got ${c.adamBeta2}`,
  );
  assertArgument(
    c.emaDecay >= 0 && c.emaDecay < 1,
    'emaDecay',
    () => `must be in [0, 1), got ${c.emaDecay}`,
  );
  assertArgument(
    Number.isInteger(c.seed) && c.seed >= 0,
    'seed',
    () => `must be a non-negative integer, got ${c.seed}`,
  );
}
