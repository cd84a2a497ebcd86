import type { MatrixObjective, PairObjective } from '../objectives/objective.js';
import type { ObjectiveName } from '../objectives/objectives.js';
import type { Critic } from '../types.js';
import type { CommonEstimateOptions, MiEstimate } from './estimator.js';

/** Marginal preprocessing; MI is invariant to each, so they only make the critic's job easier. */
export type Transform = 'standardize' | 'rank' | 'none';

export interface ProgressEvent {
  step: number;
  steps: number;
  /** Latest held-out bound (nats), when one was evaluated at this step. */
  heldOut?: number;
  /** Latest training-batch bound (nats). */
  train?: number;
}

/** The knobs of a neural estimate. Defaults: `ESTIMATE_DEFAULTS`, chosen on the ground-truth suite. */
export interface NeuralEstimateOptions extends CommonEstimateOptions {
  /** Training steps (maximum, when early stopping). @default 4000 */
  steps?: number;
  /**
   * Most training steps: when `steps` are done and the held-out bound is still rising (by more
   * than 0.05 nats or 2% over the last `averageLast` evaluations), training goes on at the last
   * learning rate, `averageLast · evalEvery` steps at a time, up to this many. `steps` disables.
   * @default 2 · steps
   */
  maxSteps?: number;
  /** Rows per training step (capped at the training rows when not given). @default 256 */
  batchSize?: number;
  /** Adam's learning rate (its peak, with the cosine schedule). @default 1e-3 */
  learningRate?: number;
  /** Learning-rate schedule over `steps`: constant, or cosine decay to a tenth. @default 'cosine' */
  schedule?: 'constant' | 'cosine';
  /** Hidden layer sizes of the critic. @default [256, 256] */
  hidden?: readonly number[];
  /** Activation of the critic's hidden layers. @default 'relu' */
  activation?: 'relu' | 'elu' | 'leakyRelu';
  /**
   * Critic architecture: concatenate [x, z] (paper) or separable dot product, or a critic of your
   * own. @default the objective's: 'separable' for infonce, else 'concat'
   */
  critic?: 'concat' | 'separable' | Critic;
  /** EMA decay of the MINE denominator: ema = decay·ema + (1−decay)·batch. @default 0.99 */
  emaDecay?: number;
  /** SMILE clip threshold tau. @default 5 */
  clip?: number;
  /** Marginal preprocessing applied to x and z separately. @default 'rank' */
  transform?: Transform;
  /** Share of rows held out for evaluation. @default 0.2 */
  heldOutFraction?: number;
  /** Shuffles of the held-out z per evaluation (more shuffles, steadier partition term). @default 8 */
  evalNegatives?: number;
  /** Evaluate the held-out bound every this many steps. @default 100 */
  evalEvery?: number;
  /** Average the last this many held-out evaluations. @default 5 */
  averageLast?: number;
  /**
   * Stop when the held-out bound has not improved for this many evaluations, counted from the
   * middle of `steps` on; 0 disables. @default 10
   */
  patience?: number;
  /** Bootstrap resamples of the held-out set for the interval. @default 200 */
  bootstrap?: number;
  /** Interval level. @default 0.95 */
  confidence?: number;
  /** Called every 10 steps and at each evaluation. @default none */
  onProgress?: (event: ProgressEvent) => void;
  /** Stops training early (the estimate is made from the evaluations so far). @default none */
  signal?: AbortSignal;
}

export interface EstimateOptions extends NeuralEstimateOptions {
  /**
   * mine: Donsker-Varadhan with the moving-average gradient (Eq. 10-12); mine-f: the f-divergence
   * bound (Eq. 8, NWJ); infonce; smile (Jensen-Shannon training, DV read-out with clipped
   * partition scores); js (Jensen-Shannon training, DV read-out);
   * dv (plain DV gradient). An objective value of your own works too. @default 'mine'
   */
  estimator?: ObjectiveName | PairObjective | MatrixObjective;
}

export interface CurvePoint {
  step: number;
  /** The training objective on the last batch (nats; for js and smile the Jensen-Shannon value). */
  train: number;
  /** Bound on the held-out set (nats), at evaluation steps. */
  heldOut?: number;
}

/** A neural estimate: the common fields and the training record. */
export interface NeuralMiEstimate extends MiEstimate {
  /** Training steps taken. */
  steps: number;
  curve: CurvePoint[];
}
