import type { Critic } from '../types.js';

/** Neural estimators `estimateMutualInformation` can train. */
export const NEURAL_ESTIMATORS = ['mine', 'mine-f', 'infonce', 'smile', 'js'] as const;
export type NeuralEstimator = (typeof NEURAL_ESTIMATORS)[number];

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

export interface EstimateOptions {
  /**
   * mine: Donsker-Varadhan with the moving-average gradient (Eq. 10-12); mine-f: the f-divergence
   * bound (Eq. 8, NWJ); infonce; smile (Jensen-Shannon training, DV read-out with clipped
   * partition scores); js (Jensen-Shannon training, DV read-out). @default 'mine'
   */
  estimator?: NeuralEstimator;
  /** Training steps (maximum, when early stopping). */
  steps?: number;
  batchSize?: number;
  learningRate?: number;
  /** Learning-rate schedule over `steps`: constant, or cosine decay to a tenth. */
  schedule?: 'constant' | 'cosine';
  /** Hidden layer sizes of the critic. */
  hidden?: readonly number[];
  activation?: 'relu' | 'elu' | 'leakyRelu';
  /** Critic architecture: concatenate [x, z] (paper) or separable dot product. */
  critic?: 'concat' | 'separable' | Critic;
  /** EMA decay of the MINE denominator: ema = decay·ema + (1−decay)·batch. */
  emaDecay?: number;
  /** SMILE clip threshold tau. */
  clip?: number;
  /** Marginal preprocessing applied to x and z separately. */
  transform?: Transform;
  /** Share of rows held out for evaluation. */
  heldOutFraction?: number;
  /** Shuffles of the held-out z per evaluation (more shuffles, steadier partition term). */
  evalNegatives?: number;
  /** Evaluate the held-out bound every this many steps. */
  evalEvery?: number;
  /** Average the last this many held-out evaluations. */
  averageLast?: number;
  /** Stop when the held-out bound has not improved for this many evaluations; 0 disables. */
  patience?: number;
  /** Bootstrap resamples of the held-out set for the interval. */
  bootstrap?: number;
  /** Interval level. @default 0.95 */
  confidence?: number;
  seed?: number;
  unit?: 'nats' | 'bits';
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
}

export interface CurvePoint {
  step: number;
  /** The training objective on the last batch (nats; for js and smile the Jensen-Shannon value). */
  train: number;
  /** Bound on the held-out set (nats), at evaluation steps. */
  heldOut?: number;
}

export interface MiEstimate {
  /** The estimate in `unit`. */
  mi: number;
  unit: 'nats' | 'bits';
  /** Bootstrap interval in `unit`. */
  ci: [number, number];
  estimator: string;
  /** Training steps taken. */
  steps: number;
  backend: string;
  /** Rows used (training + held out). */
  n: number;
  seconds: number;
  curve: CurvePoint[];
  warnings: string[];
}
