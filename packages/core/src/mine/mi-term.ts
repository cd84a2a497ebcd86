import * as tf from '@tensorflow/tfjs-core';
import { donskerVaradhan } from '../bounds/donsker-varadhan.js';
import { assertArgument, InvalidArgumentError } from '../errors.js';
import { gatherRows } from '../nn/rows.js';
import {
  loadOptimizer,
  loadVariables,
  type SavedOptimizer,
  type SavedTensor,
  saveOptimizer,
  saveVariables,
} from '../nn/snapshot.js';
import { derangement, stepRng, stepSeed } from '../random.js';
import type { Critic, CriticTrace } from '../types.js';
import {
  debiasedLogDenominator,
  dvWithDenominator,
  mineObjective,
  mineObjectiveOnScores,
} from './moving-average.js';

export interface MutualInformationTermOptions {
  /** The statistics network T(a, b). The term owns it: `dispose()` disposes it. */
  critic: Critic;
  /** Adam learning rate of the critic. @default 1e-4 (Sec. 8.1: 1e-4 in every application) */
  learningRate?: number;
  /** @default 0.5 (the DCGAN/ALI setting the paper's applications follow) */
  adamBeta1?: number;
  /** @default 0.999 */
  adamBeta2?: number;
  /**
   * Replaces the critic's Adam (and its three settings above); the term owns it and disposes it.
   * Its state is part of `save()` when the optimizer supports `getWeights`.
   */
  optimizer?: tf.Optimizer;
  /**
   * Weight of the past in the moving average of E_Q[e^T] (Sec. 3.2); 0 gives the plain, biased
   * DV gradient. @default 0.99
   */
  emaDecay?: number;
  /** Seed of the marginal pairings: iteration k's derangement comes from (seed, k). @default 0 */
  seed?: number;
  /**
   * Train the critic through its hand-written backward pass when it has one
   * (`scoreForTraining`): the same gradients with far fewer kernels. @default true
   */
  fusedBackward?: boolean;
}

/** Everything a `MutualInformationTerm` needs to continue exactly (see `save`). */
export interface MiTermState {
  readonly format: 'mine-mi-term';
  readonly version: 1;
  /** `trainStep` calls done. */
  readonly step: number;
  /** The critic's trainable variables, in order. */
  readonly critic: readonly SavedTensor[];
  readonly optimizer: SavedOptimizer;
  /** The moving average: log EMA of E_Q[e^T] ([1], float32 as trained; may be −Infinity) and its count. */
  readonly ema: { readonly logEma: Float32Array; readonly count: number };
}

/** Per-pairing streams: training pairings, evaluation pairings. */
const EVALUATION_STREAM = 0x6d69_6e65;

/**
 * Mutual information as a term in another network's objective (Sec. 5: the statistics network
 * of GAN+MINE, ALI+MINE and the Information Bottleneck). It owns a critic T, its Adam optimizer
 * and MINE's moving average, and works on pairs (a, b) that other networks produce:
 *
 * - `trainStep(a, b)` trains T one step to tighten the Donsker-Varadhan bound on
 *   I(A; B), with joint pairs (a_i, b_i) against marginal pairs (a_i, b_σ(i)), σ a derangement
 *   of the batch, and the moving-average gradient of Sec. 3.2. a and b are constants here.
 * - `estimate(a, b)` is the bound as a differentiable scalar: its gradient with respect to a and
 *   b (and so to whatever produced them) is MINE's bias-corrected gradient, using the average
 *   that `trainStep` committed. A generator maximises it (loss −β·estimate), an encoder
 *   minimises it (loss +β·estimate).
 *
 * The MI gradient of a generator is usually clipped against its adversarial gradient (Eq. 21):
 * compute both with `tf.variableGrads` and combine them with `combineWithAdaptiveClip`.
 *
 * Marginal pairs shuffle b. Both a and b may come from networks: gradients flow through the
 * shuffle (a gather) as well.
 */
export class MutualInformationTerm {
  readonly critic: Critic;
  readonly emaDecay: number;
  readonly seed: number;
  readonly fusedBackward: boolean;
  private readonly optimizer: tf.Optimizer;
  private readonly logEma: tf.Variable;
  private emaCount = 0;
  private iteration = 0;
  private pairing: Int32Array | null = null;
  private disposed = false;

  constructor(options: MutualInformationTermOptions) {
    const {
      critic,
      learningRate = 1e-4,
      adamBeta1 = 0.5,
      adamBeta2 = 0.999,
      emaDecay = 0.99,
      seed = 0,
      fusedBackward = true,
    } = options;
    assertArgument(
      critic != null && typeof critic.score === 'function',
      'critic',
      () => 'must be a Critic (an object with score(a, b))',
    );
    assertArgument(
      Number.isFinite(learningRate) && learningRate > 0,
      'learningRate',
      () => `must be positive, got ${learningRate}`,
    );
    assertArgument(
      adamBeta1 >= 0 && adamBeta1 < 1,
      'adamBeta1',
      () => `must be in [0, 1), got ${adamBeta1}`,
    );
    assertArgument(
      adamBeta2 >= 0 && adamBeta2 < 1,
      'adamBeta2',
      () => `must be in [0, 1), got ${adamBeta2}`,
    );
    assertArgument(
      emaDecay >= 0 && emaDecay < 1,
      'emaDecay',
      () => `must be in [0, 1), got ${emaDecay}`,
    );
    assertArgument(
      Number.isInteger(seed) && seed >= 0,
      'seed',
      () => `must be a non-negative integer, got ${seed}`,
    );
    this.critic = critic;
    this.emaDecay = emaDecay;
    this.seed = seed;
    this.fusedBackward = fusedBackward;
    this.optimizer = options.optimizer ?? tf.train.adam(learningRate, adamBeta1, adamBeta2);
    this.logEma = tf.tidy(() => tf.variable(tf.scalar(Number.NEGATIVE_INFINITY), false));
  }

  /** `trainStep` calls done. */
  get step(): number {
    return this.iteration;
  }

  /** The moving average as numbers: log EMA of E_Q[e^T] and the number of batches in it. */
  get movingAverage(): { logEma: number; count: number } {
    return { logEma: this.logEma.dataSync()[0]!, count: this.emaCount };
  }

  /**
   * One Adam step of the critic maximising the MINE objective on the batch (a, b); commits the
   * moving average once. No gradient reaches a or b. Returns the batch's DV bound (nats) before
   * the step; the caller disposes it.
   */
  trainStep(a: tf.Tensor2D, b: tf.Tensor2D): tf.Scalar {
    this.assertLive();
    const n = this.checkPairs(a, b);
    const sigma = derangement(n, stepRng(this.seed, this.iteration));
    this.pairing = sigma;
    const result =
      this.fusedBackward && this.critic.scoreForTraining
        ? this.fusedTrainStep(a, b, sigma)
        : this.tapeTrainStep(a, b, sigma);
    this.iteration++;
    return result;
  }

  private tapeTrainStep(a: tf.Tensor2D, b: tf.Tensor2D, sigma: Int32Array): tf.Scalar {
    return tf.tidy(() => {
      const { joint, marginal } = this.scores(a, b, sigma, true);
      const variables = this.critic.trainableVariables as tf.Variable[];
      const { value, grads } = tf.variableGrads(() => {
        const { value, state } = mineObjective(
          joint(),
          marginal(),
          { logEma: this.logEma as tf.Scalar, count: this.emaCount },
          this.emaDecay,
        );
        this.logEma.assign(state.logEma);
        this.emaCount = state.count;
        return tf.neg(value) as tf.Scalar;
      }, variables);
      this.optimizer.applyGradients(grads as Parameters<tf.Optimizer['applyGradients']>[0]);
      return tf.neg(value) as tf.Scalar;
    });
  }

  /** The MINE step without a tape: the score gradient has a closed form (see MineEstimator). */
  private fusedTrainStep(a: tf.Tensor2D, b: tf.Tensor2D, sigma: Int32Array): tf.Scalar {
    const n = sigma.length;
    const aRows = new Int32Array(2 * n);
    const bRows = new Int32Array(2 * n);
    for (let i = 0; i < n; i++) {
      aRows[i] = i;
      aRows[n + i] = i;
      bRows[i] = i;
      bRows[n + i] = sigma[i]!;
    }
    const pairs: [tf.Tensor2D, tf.Tensor2D] = [gatherRows(a, aRows), gatherRows(b, bRows)];
    let trace: CriticTrace | null = null;
    try {
      trace = this.critic.scoreForTraining!(pairs[0], pairs[1]);
      const step = mineObjectiveOnScores(
        trace.scores.dataSync(),
        n,
        this.movingAverage,
        this.emaDecay,
      );
      // The optimizer minimises: the loss gradient is the objective's, negated.
      const dScores = tf.tensor1d(step.gradient.map((g) => -g));
      const grads = trace.backward(dScores);
      dScores.dispose();
      this.optimizer.applyGradients(
        this.critic.trainableVariables.map((v, i) => ({ name: v.name, tensor: grads[i]! })),
      );
      tf.dispose(grads);
      this.emaCount = step.state.count;
      tf.tidy(() => this.logEma.assign(tf.scalar(step.state.logEma)));
      return tf.scalar(step.value);
    } finally {
      trace?.dispose();
      tf.dispose(pairs);
    }
  }

  /**
   * The DV bound on I(A; B) for the batch as a differentiable scalar (nats), with the pairing of
   * the last `trainStep` (or, before any, of step 0). Its gradient is MINE's: the batch's
   * E[e^T_marginal] is replaced by the committed moving average, which this call does not
   * change. Call it inside the caller's `tf.variableGrads` / `tf.tidy`.
   */
  estimate(a: tf.Tensor2D, b: tf.Tensor2D): tf.Scalar {
    this.assertLive();
    const n = this.checkPairs(a, b);
    const sigma =
      this.pairing && this.pairing.length === n
        ? this.pairing
        : derangement(n, stepRng(this.seed, Math.max(0, this.iteration - 1)));
    const logDenominator = debiasedLogDenominator(this.movingAverage, this.emaDecay);
    return tf.tidy(() => {
      const { joint, marginal } = this.scores(a, b, sigma, true);
      const j = joint();
      const m = marginal();
      if (logDenominator === null) return donskerVaradhan(j, m);
      return dvWithDenominator(j, m, tf.scalar(logDenominator));
    });
  }

  /**
   * The DV read-out on (a, b) (nats): critic in evaluation mode, no gradient, no change of
   * state; marginal pairs from a derangement of its own. The caller disposes it.
   */
  evaluate(a: tf.Tensor2D, b: tf.Tensor2D): tf.Scalar {
    this.assertLive();
    const n = this.checkPairs(a, b);
    const sigma = derangement(n, stepRng(stepSeed(this.seed, EVALUATION_STREAM), this.iteration));
    return tf.tidy(() => {
      const { joint, marginal } = this.scores(a, b, sigma, false);
      return donskerVaradhan(joint(), marginal());
    });
  }

  /**
   * Joint scores T(a_i, b_i) and marginal scores T(a_i, b_σ(i)) from one pass of the critic over
   * [2n] rows, as thunks so that they can be taken inside a gradient scope.
   */
  private scores(
    a: tf.Tensor2D,
    b: tf.Tensor2D,
    sigma: Int32Array,
    training: boolean,
  ): { joint: () => tf.Tensor1D; marginal: () => tf.Tensor1D } {
    const n = sigma.length;
    let all: tf.Tensor1D | null = null;
    const run = () => {
      if (!all || all.isDisposed) {
        const shuffled = tf.gather(b, tf.tensor1d(sigma, 'int32')) as tf.Tensor2D;
        all = this.critic.score(tf.concat([a, a]), tf.concat([b, shuffled]), { training });
      }
      return all;
    };
    return {
      joint: () => tf.slice(run(), 0, n) as tf.Tensor1D,
      marginal: () => tf.slice(run(), n, n) as tf.Tensor1D,
    };
  }

  private checkPairs(a: tf.Tensor2D, b: tf.Tensor2D): number {
    assertArgument(a instanceof tf.Tensor && a.rank === 2, 'a', () => 'must be a 2-D tensor');
    assertArgument(b instanceof tf.Tensor && b.rank === 2, 'b', () => 'must be a 2-D tensor');
    const n = a.shape[0];
    assertArgument(b.shape[0] === n, 'b', () => `has ${b.shape[0]} rows but a has ${n}`);
    assertArgument(n >= 2, 'a', () => `needs at least 2 rows to form marginal pairs, got ${n}`);
    assertArgument(
      a.shape[1] === this.critic.xDim,
      'a',
      () => `has ${a.shape[1]} columns but the critic takes ${this.critic.xDim}`,
    );
    assertArgument(
      b.shape[1] === this.critic.zDim,
      'b',
      () => `has ${b.shape[1]} columns but the critic takes ${this.critic.zDim}`,
    );
    return n;
  }

  /** Everything needed to continue exactly: critic, Adam state, moving average, step. */
  async save(): Promise<MiTermState> {
    this.assertLive();
    return {
      format: 'mine-mi-term',
      version: 1,
      step: this.iteration,
      critic: await saveVariables(this.critic.trainableVariables),
      optimizer: await saveOptimizer(this.optimizer),
      ema: { logEma: (await this.logEma.data()) as Float32Array, count: this.emaCount },
    };
  }

  /** Restores `save()`'s state into a term built with the same options. */
  async load(state: MiTermState): Promise<void> {
    this.assertLive();
    assertArgument(
      state?.format === 'mine-mi-term' && state.version === 1,
      'state',
      () => 'is not a MutualInformationTerm state (version 1)',
    );
    loadVariables('critic', this.critic.trainableVariables, state.critic);
    await loadOptimizer(this.optimizer, state.optimizer);
    const logEma = state.ema.logEma[0]!;
    tf.tidy(() => this.logEma.assign(tf.scalar(logEma)));
    this.emaCount = state.ema.count;
    this.iteration = state.step;
    this.pairing = null;
  }

  /** Releases the critic, the optimizer's slots and the moving average. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.critic.dispose();
    this.optimizer.dispose();
    this.logEma.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new InvalidArgumentError({ argument: 'this', message: 'disposed' });
  }
}
