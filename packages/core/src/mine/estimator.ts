import * as tf from '@tensorflow/tfjs-core';
import { checkWasmKernels } from '../backend/training-backend.js';
import { assertArgument } from '../errors.js';
import { gatherRows } from '../nn/rows.js';
import type { MatrixObjective, ObjectiveTrainer, PairObjective } from '../objectives/objective.js';
import { type ObjectiveName, objectiveOf } from '../objectives/objectives.js';
import { FusedAdam } from '../optim/fused-adam.js';
import { createRng, derangement, type Rng } from '../random.js';
import type { Critic, CriticTrace } from '../types.js';

export interface MineEstimatorOptions {
  /** What the critic maximises and the bound `evaluate` reports: a name or an objective value. @default 'mine' */
  objective?: ObjectiveName | PairObjective | MatrixObjective;
  /**
   * Weight of the past in the MINE denominator's moving average:
   * ema = decay·ema + (1 − decay)·batch. 0 gives the plain DV gradient. @default 0.99
   */
  emaDecay?: number;
  /** SMILE clip threshold tau. @default 5 */
  clip?: number;
  /** Marginal (shuffled) pairs per joint pair. @default 1 */
  negatives?: number;
  /** @default 1e-3 */
  learningRate?: number;
  /** Replaces the default Adam(learningRate) (a `FusedAdam`); the estimator then disposes it. */
  optimizer?: tf.Optimizer;
  /** Seed of the marginal shuffles. @default 0 */
  seed?: number;
  /**
   * Train through the critic's hand-written backward pass when it has one (`scoreForTraining`):
   * the same gradients with far fewer kernels. false always uses tfjs's autodiff. @default true
   */
  fusedBackward?: boolean;
}

/**
 * Owns a critic and its optimizer and trains the critic on batches of paired rows; marginal
 * pairs come from shuffling z within the batch (on the data, so no gradient flows through the
 * shuffle).
 */
export class MineEstimator {
  readonly objective: PairObjective | MatrixObjective;
  readonly emaDecay: number;
  readonly clip: number;
  readonly negatives: number;
  readonly fusedBackward: boolean;
  private readonly optimizer: tf.Optimizer;
  private readonly ownsOptimizer: boolean;
  private readonly rng: Rng;
  /** The objective's training state (MINE's moving average); undefined for matrix objectives. */
  private readonly trainer: ObjectiveTrainer | undefined;

  constructor(
    readonly critic: Critic,
    options: MineEstimatorOptions = {},
  ) {
    const {
      objective = 'mine',
      emaDecay = 0.99,
      clip = 5,
      negatives = 1,
      learningRate = 1e-3,
      seed = 0,
      fusedBackward = true,
    } = options;
    assertArgument(
      emaDecay >= 0 && emaDecay < 1,
      'emaDecay',
      () => `must be in [0, 1), got ${emaDecay}`,
    );
    assertArgument(clip > 0, 'clip', () => `must be positive, got ${clip}`);
    assertArgument(
      Number.isInteger(negatives) && negatives >= 1,
      'negatives',
      () => `must be a positive integer, got ${negatives}`,
    );
    assertArgument(learningRate > 0, 'learningRate', () => `must be positive, got ${learningRate}`);
    this.objective = objectiveOf(objective);
    this.emaDecay = emaDecay;
    this.clip = clip;
    this.negatives = negatives;
    this.fusedBackward = fusedBackward;
    this.optimizer = options.optimizer ?? new FusedAdam({ learningRate });
    this.ownsOptimizer = options.optimizer === undefined;
    this.rng = createRng(seed);
    this.trainer =
      this.objective.scores === 'pairs' ? this.objective.trainer({ emaDecay, clip }) : undefined;
    // Training on wasm needs our kernel fixes, also when the caller chose wasm through tfjs.
    checkWasmKernels();
  }

  /** x repeated `negatives` times and z shuffled within the batch once per repeat. */
  marginalPairs(
    x: tf.Tensor2D,
    z: tf.Tensor2D,
    negatives = this.negatives,
  ): { x: tf.Tensor2D; z: tf.Tensor2D } {
    const index = this.shuffles(z.shape[0], negatives);
    return tf.tidy(() => ({
      x: negatives === 1 ? x.clone() : (tf.tile(x, [negatives, 1]) as tf.Tensor2D),
      z: tf.gather(z, tf.tensor1d(index, 'int32')) as tf.Tensor2D,
    }));
  }

  /** `negatives` derangements of 0..n−1, one after another: the rows of z paired with x's. */
  private shuffles(n: number, negatives: number): Int32Array {
    const index = new Int32Array(n * negatives);
    for (let k = 0; k < negatives; k++) index.set(derangement(n, this.rng), k * n);
    return index;
  }

  /**
   * Joint and marginal scores in one pass of the critic; marginal pair k·n + i is
   * (x_i, z_σk(i)) for each of `negatives` shuffles σk.
   */
  scores(
    x: tf.Tensor2D,
    z: tf.Tensor2D,
    negatives = this.negatives,
  ): { joint: tf.Tensor1D; marginal: tf.Tensor1D } {
    return tf.tidy(() => {
      const n = x.shape[0];
      const m = this.marginalPairs(x, z, negatives);
      const all = this.critic.score(tf.concat([x, m.x]), tf.concat([z, m.z]));
      return {
        joint: tf.slice(all, 0, n) as tf.Tensor1D,
        marginal: tf.slice(all, n, all.size - n) as tf.Tensor1D,
      };
    });
  }

  private scoreMatrix(x: tf.Tensor2D, z: tf.Tensor2D): tf.Tensor2D {
    if (!this.critic.scoreMatrix) {
      throw new Error(`the critic has no scoreMatrix; ${this.objective.name} needs one`);
    }
    return this.critic.scoreMatrix(x, z);
  }

  /** The training objective on a batch (nats); its gradient is what `step` follows. */
  private trainingObjective(x: tf.Tensor2D, z: tf.Tensor2D): tf.Scalar {
    if (this.objective.scores === 'matrix') return this.objective.bound(this.scoreMatrix(x, z));
    const { joint, marginal } = this.scores(x, z);
    return this.trainer!.value(joint, marginal);
  }

  /** One optimizer step on a batch of paired rows. Returns the loss (−objective, nats); caller disposes. */
  step(x: tf.Tensor2D, z: tf.Tensor2D): tf.Scalar {
    assertArgument(
      x.shape[0] === z.shape[0],
      'z',
      () => `has ${z.shape[0]} rows but x has ${x.shape[0]}`,
    );
    if (this.fusedBackward && this.critic.scoreForTraining && this.trainer) {
      return this.fusedStep(x, z, this.trainer);
    }
    return this.optimizer.minimize(
      () => tf.neg(this.trainingObjective(x, z)),
      true,
      this.critic.trainableVariables as tf.Variable[],
    )!;
  }

  /**
   * `step` through the critic's own backward pass: autodiff runs only on the bound (a function
   * of the n·(1 + negatives) scores), the critic backpropagates its gradient by hand.
   */
  private fusedStep(x: tf.Tensor2D, z: tf.Tensor2D, trainer: ObjectiveTrainer): tf.Scalar {
    const n = x.shape[0];
    // Joint rows (x_i, z_i), then per shuffle σk the rows (x_i, z_σk(i)), as `scores` pairs them.
    const rows = new Int32Array(n * (1 + this.negatives));
    for (let r = 0; r < rows.length; r++) rows[r] = r % n;
    const zRows = rows.slice();
    zRows.set(this.shuffles(n, this.negatives), n);
    const pairs: [tf.Tensor2D, tf.Tensor2D] = [gatherRows(x, rows), gatherRows(z, zRows)];
    const trace = this.critic.scoreForTraining!(pairs[0], pairs[1]);
    tf.dispose(pairs);
    try {
      if (trainer.valueAndGradient) return this.closedFormStep(trace, n, trainer);
      const { value, grad } = tf.valueAndGrad((scores: tf.Tensor1D) =>
        tf.neg(
          trainer.value(
            tf.slice(scores, 0, n) as tf.Tensor1D,
            tf.slice(scores, n, scores.size - n) as tf.Tensor1D,
          ),
        ),
      )(trace.scores);
      this.applyCriticGradients(trace.backward(grad as tf.Tensor1D));
      grad.dispose();
      return value as tf.Scalar;
    } finally {
      trace.dispose();
    }
  }

  /** Objectives whose score gradient has a closed form (MINE) need no tape at all. */
  private closedFormStep(trace: CriticTrace, n: number, trainer: ObjectiveTrainer): tf.Scalar {
    const step = trainer.valueAndGradient!(trace.scores.dataSync(), n);
    // The loss is minimised: its gradient is the objective's, negated.
    const dScores = tf.tensor1d(step.gradient.map((g) => -g));
    this.applyCriticGradients(trace.backward(dScores));
    dScores.dispose();
    return tf.scalar(-step.value);
  }

  /** One optimizer update from gradients in `trainableVariables` order; disposes them. */
  private applyCriticGradients(grads: tf.Tensor[]): void {
    this.optimizer.applyGradients(
      this.critic.trainableVariables.map((v, i) => ({ name: v.name, tensor: grads[i]! })),
    );
    tf.dispose(grads);
  }

  /**
   * Changes the learning rate of the estimator's own Adam optimizer (for schedules); a
   * caller-supplied optimizer is left alone.
   */
  setLearningRate(learningRate: number): void {
    assertArgument(learningRate > 0, 'learningRate', () => `must be positive, got ${learningRate}`);
    if (this.ownsOptimizer)
      (this.optimizer as unknown as { learningRate: number }).learningRate = learningRate;
  }

  /** The read-out bound on a batch (nats), no gradient and no moving average. Caller disposes. */
  evaluate(x: tf.Tensor2D, z: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => {
      if (this.objective.scores === 'matrix') return this.objective.bound(this.scoreMatrix(x, z));
      const { joint, marginal } = this.scores(x, z);
      return this.objective.bound({ emaDecay: this.emaDecay, clip: this.clip })(joint, marginal);
    });
  }

  dispose(): void {
    this.critic.dispose();
    this.optimizer.dispose();
    this.trainer?.dispose();
  }
}
