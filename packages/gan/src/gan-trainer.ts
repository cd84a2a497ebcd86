import {
  assertArgument,
  assertPositiveInteger,
  type Critic,
  checkWasmKernels,
  combineWithAdaptiveClip,
  createRng,
  globalNorm,
  InvalidArgumentError,
  loadOptimizer,
  loadVariables,
  MutualInformationTerm,
  saveOptimizer,
  saveVariables,
  stepRng,
  stepSeed,
} from '@mine/core';
import {
  DEFAULT_WEIGHT_INIT,
  type MlpDiscriminator,
  type MlpGenerator,
  mlpDiscriminator,
  mlpGenerator,
  mlpStatisticsNetwork,
  type WeightInit,
} from '@mine/nets';
import * as tf from '@tensorflow/tfjs-core';
import type { GanCheckpoint } from './checkpoint.js';
import { assertCodePrior, type CodePrior, codeWidth } from './code-prior.js';
import { discriminatorLoss, generatorLoss } from './losses.js';
import { drawPrior, drawRows, fingerprint } from './random.js';

/** The serialisable part of the options: everything but the data. */
export interface GanConfig {
  /** Data dimension. */
  dataDim: number;
  /** β of Eq. 17: weight of I(G([ε, c]); c) in the generator objective. 0 is the plain GAN. */
  beta: number;
  /** Dimension of the noise ε ~ N(0, I). */
  noiseDim: number;
  /** Distribution of the code c (its width is `codeWidth(codePrior)`). */
  codePrior: CodePrior;
  batchSize: number;
  /** Adam learning rate of all three networks. */
  learningRate: number;
  adamBeta1: number;
  adamBeta2: number;
  /** Weight of the past in the MINE moving average of E_Q[e^T] (Sec. 3.2). */
  emaDecay: number;
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

export interface GanTrainerOptions extends Partial<GanConfig> {
  /** Training points, row-major [rows, dataDim] (Sec. 8.1.2 uses 100,000). */
  data: Float32Array;
  /** Data dimension. */
  dataDim: number;
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
  beta: 1,
  noiseDim: 8,
  codePrior: { kind: 'uniform', dim: 2 },
  batchSize: 100,
  learningRate: 1e-4,
  adamBeta1: 0.5,
  adamBeta2: 0.999,
  emaDecay: 0.99,
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

export interface TrainOptions {
  /** Train until this many iterations are done in total (a restored trainer continues). */
  iterations: number;
  /** Read diagnostics and call `onStep` every this many iterations (and at the last). @default 100 */
  logEvery?: number;
  onStep?: (log: StepLog) => void | Promise<void>;
  /** Call `onCheckpoint` every this many iterations. @default never */
  checkpointEvery?: number;
  onCheckpoint?: (checkpoint: GanCheckpoint<GanConfig>) => void | Promise<void>;
  /** Stops after the current iteration. */
  signal?: AbortSignal;
}

export interface TrainResult {
  /** Iterations done in total. */
  step: number;
  /** true when `signal` stopped the run early. */
  aborted: boolean;
}

type Optimizer = ReturnType<typeof tf.train.adam>;
// tfjs types `applyGradients` with NamedVariableMap, which it does not export; gradients are tensors.
type GradientMap = Parameters<Optimizer['applyGradients']>[0];

/**
 * A GAN whose generator maximises E[log D(G([ε, c]))] + β·I(G([ε, c]); c) (Eq. 17), the mutual
 * information estimated by a MINE statistics network T(x, c).
 *
 * One iteration, on a batch of real rows x and prior samples z = [ε, c]:
 * 1. x̂ = G(z) in training mode (batch-norm batch statistics; the running averages move here,
 *    once per iteration). Discriminator: one Adam step on −E[log D(x)] − E[log(1 − D(x̂))].
 * 2. Statistics network (β > 0), core's `MutualInformationTerm`: one Adam step maximising the
 *    MINE objective on the pairs (x̂, c) against (x̂, c_σ), σ a derangement of the batch, with
 *    the moving-average corrected DV gradient (Sec. 3.2); the average is committed here, once
 *    per iteration.
 * 3. Generator: g_u = ∇_θ −E[log D(G(z))] (non-saturating) and, when β > 0,
 *    g_m = ∇_θ −β·I(G(z); c) through the statistics network (the term's `estimate`, whose
 *    gradient uses the committed average without folding the batch in again), each from its
 *    own `tf.variableGrads`; the update is g_u + g_a with g_a = min(‖g_u‖, ‖g_m‖)·g_m/‖g_m‖
 *    (Eq. 21, core's `combineWithAdaptiveClip`), or g_u + g_m without clipping. With β = 0
 *    there is no statistics network and no g_m.
 *
 * Every random draw of iteration k comes from `createRng(stepSeed(seed, k))`, so a checkpoint
 * needs no generator state and a restored run continues bit for bit.
 */
export class GanTrainer {
  readonly config: Readonly<GanConfig>;
  readonly generator: MlpGenerator;
  readonly discriminator: MlpDiscriminator;
  /** The MI term around the statistics network T(x, c); null when β = 0 (unless monitoring). */
  private readonly mi: MutualInformationTerm | null;
  /** Columns of the code c. */
  readonly codeDim: number;
  private readonly data: Float32Array;
  private readonly dataFingerprint: string;
  private readonly generatorOptimizer: Optimizer;
  private readonly discriminatorOptimizer: Optimizer;
  private iteration = 0;
  private disposed = false;

  constructor(options: GanTrainerOptions) {
    // On wasm the gradients need core's kernel fixes, also after a user's own setBackend.
    checkWasmKernels();
    const { data, ...rest } = options;
    const config: GanConfig = { ...GAN_DEFAULTS, ...definedOnly(rest) } as GanConfig;
    validateConfig(config);
    assertArgument(
      data instanceof Float32Array && data.length > 0 && data.length % config.dataDim === 0,
      'data',
      () => `must be a non-empty Float32Array of rows of ${config.dataDim} values`,
    );
    this.config = Object.freeze({
      ...config,
      generatorHidden: [...config.generatorHidden],
      discriminatorHidden: [...config.discriminatorHidden],
      statisticsHidden: [...config.statisticsHidden],
      codePrior: { ...config.codePrior },
      weightInit:
        typeof config.weightInit === 'string' ? config.weightInit : { ...config.weightInit },
    });
    this.data = data;
    this.dataFingerprint = fingerprint(data);
    const { seed, dataDim, noiseDim, learningRate, adamBeta1, adamBeta2 } = config;
    const codeDim = codeWidth(config.codePrior);
    this.codeDim = codeDim;
    const seeds = createRng(stepSeed(seed, 0xffffffff));
    this.generator = mlpGenerator({
      inputDim: noiseDim + codeDim,
      outputDim: dataDim,
      hidden: config.generatorHidden,
      weightInit: config.weightInit,
      seed: seeds.seed(),
    });
    this.discriminator = mlpDiscriminator({
      inputDim: dataDim,
      hidden: config.discriminatorHidden,
      weightInit: config.weightInit,
      seed: seeds.seed(),
    });
    const statisticsSeed = seeds.seed();
    const withStatistics = config.beta > 0 || config.monitorMutualInformation;
    this.mi = withStatistics
      ? new MutualInformationTerm({
          critic: mlpStatisticsNetwork({
            xDim: dataDim,
            codeDim,
            hidden: config.statisticsHidden,
            seed: statisticsSeed,
          }),
          learningRate,
          adamBeta1,
          adamBeta2,
          emaDecay: config.emaDecay,
          seed: stepSeed(seed, 0xfffffffe),
        })
      : null;
    this.generatorOptimizer = tf.train.adam(learningRate, adamBeta1, adamBeta2);
    this.discriminatorOptimizer = tf.train.adam(learningRate, adamBeta1, adamBeta2);
  }

  /** The statistics network T(x, c); null when β = 0 (unless monitorMutualInformation). */
  get statisticsNetwork(): Critic | null {
    return this.mi?.critic ?? null;
  }

  /** Iterations done. */
  get step(): number {
    return this.iteration;
  }

  /** One iteration (see the class comment). Returns its diagnostics; the caller disposes them. */
  trainStep(): StepTensors {
    this.assertLive();
    const { batchSize, dataDim, noiseDim, codePrior, beta } = this.config;
    const codeDim = this.codeDim;
    const rng = stepRng(this.config.seed, this.iteration);
    const realRows = drawRows(this.data, dataDim, batchSize, rng);
    const prior = drawPrior(batchSize, noiseDim, codePrior, rng);
    const generator = this.generator;
    const discriminator = this.discriminator;
    const mi = this.mi;

    const result = tf.tidy(() => {
      const real = tf.tensor2d(realRows, [batchSize, dataDim]);
      const z = tf.tensor2d(prior.z, [batchSize, noiseDim + codeDim]);
      const code = tf.tensor2d(prior.code, [batchSize, codeDim]);

      // 1. Discriminator.
      const fake = generator.apply(z, { training: true });
      const d = tf.variableGrads(
        () => discriminatorLoss(discriminator.apply(real), discriminator.apply(fake)),
        discriminator.trainableVariables as tf.Variable[],
      );
      this.discriminatorOptimizer.applyGradients(d.grads as GradientMap);

      // 2. Statistics network: one step on (x̂, c), committing the moving average.
      const mutualInformation = mi ? mi.trainStep(fake, code) : null;

      // 3. Generator: g_u, then g_m, each its own gradient; BN averages already moved in 1.
      const generatorVariables = generator.trainableVariables as tf.Variable[];
      const u = tf.variableGrads(
        () => generatorLoss(discriminator.apply(generator.apply(z, train))),
        generatorVariables,
      );
      const adversarialNorm = globalNorm(u.grads);
      let mutualInformationNorm: tf.Scalar | null = null;
      let appliedMutualInformationNorm: tf.Scalar | null = null;
      let update = u.grads;
      if (beta > 0 && mi) {
        const m = tf.variableGrads(
          () => tf.mul(mi.estimate(generator.apply(z, train), code), -beta) as tf.Scalar,
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
      this.generatorOptimizer.applyGradients(update as GradientMap);

      const out: StepTensors = {
        discriminatorLoss: d.value,
        generatorLoss: u.value,
        mutualInformation,
        adversarialNorm,
        mutualInformationNorm,
        appliedMutualInformationNorm,
      };
      return out as unknown as tf.TensorContainerObject;
    }) as unknown as StepTensors;
    this.iteration++;
    return result;
  }

  /**
   * Trains until `iterations` are done in total, reading diagnostics only every `logEvery`
   * iterations (asynchronously). Yields to the event loop at each log so `signal` can fire.
   */
  async train(options: TrainOptions): Promise<TrainResult> {
    const { iterations, logEvery = 100, onStep, checkpointEvery, onCheckpoint, signal } = options;
    assertArgument(
      Number.isInteger(iterations) && iterations >= 0,
      'iterations',
      () => `must be a non-negative integer, got ${iterations}`,
    );
    assertPositiveInteger(logEvery, 'logEvery');
    while (this.iteration < iterations) {
      if (signal?.aborted) return { step: this.iteration, aborted: true };
      const tensors = this.trainStep();
      const step = this.iteration;
      const last = step === iterations;
      if (step % logEvery === 0 || last) {
        if (onStep) {
          const log = await readStep(step, tensors);
          disposeStep(tensors);
          await onStep(log);
        } else {
          disposeStep(tensors);
        }
        // Let timers and signals run.
        await new Promise((resolve) => setTimeout(resolve, 0));
      } else {
        disposeStep(tensors);
      }
      if (onCheckpoint && checkpointEvery && step % checkpointEvery === 0) {
        await onCheckpoint(await this.checkpoint());
      }
    }
    return { step: this.iteration, aborted: false };
  }

  /**
   * Samples of the generator in evaluation mode (batch-norm running averages), with their own
   * seed: equal seeds give equal prior samples. Returns row-major points [n, dataDim] and codes
   * [n, codeDim].
   */
  async sample(n: number, seed: number): Promise<{ points: Float32Array; codes: Float32Array }> {
    this.assertLive();
    assertPositiveInteger(n, 'n');
    const { noiseDim, codePrior } = this.config;
    const codeDim = this.codeDim;
    const prior = drawPrior(n, noiseDim, codePrior, createRng(seed));
    const points = tf.tidy(() =>
      this.generator.apply(tf.tensor2d(prior.z, [n, noiseDim + codeDim])),
    );
    const values = (await points.data()) as Float32Array;
    points.dispose();
    return { points: values, codes: prior.code };
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
        discriminator: await saveVariables(this.discriminator.trainableVariables),
      },
      optimizers: {
        generator: await saveOptimizer(this.generatorOptimizer),
        discriminator: await saveOptimizer(this.discriminatorOptimizer),
      },
      statistics: this.mi ? await this.mi.save() : null,
    };
  }

  /**
   * Rebuilds a trainer from a checkpoint and the same training data; training it on continues
   * the run exactly as if it had not stopped.
   */
  static async restore(
    checkpoint: GanCheckpoint<GanConfig>,
    options: { data: Float32Array },
  ): Promise<GanTrainer> {
    assertArgument(
      checkpoint.format === 'mine-gan-checkpoint' && checkpoint.version === 2,
      'checkpoint',
      () => 'is not a @mine/gan checkpoint (version 2)',
    );
    const got = fingerprint(options.data);
    if (got !== checkpoint.data) {
      throw new InvalidArgumentError({
        argument: 'data',
        message: `differs from the checkpoint's training data (fingerprint ${got}, expected ${checkpoint.data})`,
      });
    }
    const trainer = new GanTrainer({ ...checkpoint.config, data: options.data });
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
    loadVariables('discriminator', this.discriminator.trainableVariables, variables.discriminator);
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
  }

  private assertLive(): void {
    if (this.disposed) throw new InvalidArgumentError({ argument: 'this', message: 'disposed' });
  }
}

const train = { training: true, updateStatistics: false } as const;

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
