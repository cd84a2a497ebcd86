import * as tf from '@tensorflow/tfjs-core';
import { logMeanExp } from '../bounds/log-mean-exp.js';
import { assertArgument } from '../errors.js';

/**
 * Running average of the partition term E_Q[e^T], kept in log space so large scores cannot
 * overflow. `logEma` starts at −Infinity; `count` drives the start-up debiasing.
 */
export interface EmaState {
  readonly logEma: tf.Scalar;
  readonly count: number;
}

export function initEmaState(): EmaState {
  return { logEma: tf.scalar(Number.NEGATIVE_INFINITY), count: 0 };
}

/**
 * Updates the average with a batch: ema ← decay·ema + (1 − decay)·mean(e^T).
 * `decay` is the weight of the past: 0 keeps only the current batch (plain, biased DV gradient),
 * values near 1 average over about 1/(1 − decay) batches. Returns the new state and the debiased
 * log average log(ema / (1 − decay^count)), as Adam debiases its moments.
 */
export function updateEma(
  state: EmaState,
  marginal: tf.Tensor1D,
  decay: number,
): { state: EmaState; logDenominator: tf.Scalar } {
  assertArgument(decay >= 0 && decay < 1, 'emaDecay', () => `must be in [0, 1), got ${decay}`);
  return tf.tidy(() => {
    const batch = tf.add(logMeanExp(marginal), Math.log(1 - decay));
    const logEma =
      decay === 0 ? batch : tf.logSumExp(tf.stack([tf.add(state.logEma, Math.log(decay)), batch]));
    const count = state.count + 1;
    const logDenominator = tf.sub(logEma, Math.log(1 - decay ** count));
    return {
      state: { logEma: logEma as tf.Scalar, count },
      logDenominator: logDenominator as tf.Scalar,
    };
  });
}

/**
 * The MINE objective (Sec. 3.2, Eq. 12). Its value is the Donsker-Varadhan bound on the batch;
 * its gradient replaces the batch denominator E_B[e^T] by the moving average:
 *   ∇ = E_B[∇T_joint] − E_B[∇T_marginal · e^T_marginal] / ema.
 * With decay 0 the gradient is the plain (biased) DV gradient. Call it inside a tf.tidy or
 * optimizer.minimize; the caller owns the returned state's tensor.
 */
export function mineObjective(
  joint: tf.Tensor1D,
  marginal: tf.Tensor1D,
  state: EmaState,
  decay: number,
): { value: tf.Scalar; state: EmaState } {
  const { state: next, logDenominator } = updateEma(state, marginal, decay);
  const value = dvWithDenominator(joint, marginal, logDenominator);
  logDenominator.dispose();
  return { value, state: next };
}

/**
 * The Donsker-Varadhan bound mean(T_joint) − log mean(e^T_marginal) on the batch, with MINE's
 * gradient: the batch's E_B[e^T] in the gradient is replaced by e^logDenominator (the moving
 * average). The value stays the batch's own bound. logDenominator gets a zero gradient.
 */
export function dvWithDenominator(
  joint: tf.Tensor1D,
  marginal: tf.Tensor1D,
  logDenominator: tf.Scalar,
): tf.Scalar {
  return tf.tidy(() => {
    // The denominator goes in as an input so tfjs keeps it alive until the backward pass.
    const objective = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [j, m, logDen, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
      save([j, m, logDen]);
      return {
        value: tf.sub(tf.mean(j), logMeanExp(m)),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [js, ms, ld] = saved as [tf.Tensor1D, tf.Tensor1D, tf.Scalar];
          const grads = mineGradients(js, ms, ld);
          return [tf.mul(dy, grads.joint), tf.mul(dy, grads.marginal), tf.zerosLike(ld)];
        },
      };
    });
    return objective(joint, marginal, logDenominator) as tf.Scalar;
  });
}

/**
 * log of the debiased moving average, log(ema / (1 − decay^count)), the denominator of MINE's
 * gradient; null before the first update (count 0).
 */
export function debiasedLogDenominator(
  state: { logEma: number; count: number },
  decay: number,
): number | null {
  if (state.count === 0 || !Number.isFinite(state.logEma)) return null;
  return state.logEma - Math.log(1 - decay ** state.count);
}

/**
 * The MINE gradient with respect to the scores: 1/n for each joint score and
 * −e^(T_i − logDenominator)/m for each marginal one (the moving average in place of the batch's
 * E[e^T]).
 */
function mineGradients(
  joint: tf.Tensor1D,
  marginal: tf.Tensor1D,
  logDenominator: tf.Scalar,
): { joint: tf.Tensor1D; marginal: tf.Tensor1D } {
  return tf.tidy(() => ({
    joint: tf.fill(joint.shape, 1 / joint.size) as tf.Tensor1D,
    marginal: tf.neg(
      tf.div(tf.exp(tf.sub(marginal, logDenominator)), marginal.size),
    ) as tf.Tensor1D,
  }));
}

/**
 * One MINE step's arithmetic on the scores themselves, in float64 JavaScript: the objective's
 * value (the DV bound on the batch), the moving average's next state, and the objective's
 * gradient with respect to each score (joint scores first, as in `scores`). The same quantities
 * as `mineObjective`, for critics that backpropagate by hand: on a few hundred scores this is
 * microseconds, where the tensor version is ~35 kernel launches.
 */
export function mineObjectiveOnScores(
  scores: ArrayLike<number>,
  joint: number,
  state: { logEma: number; count: number },
  decay: number,
): { value: number; state: { logEma: number; count: number }; gradient: Float32Array } {
  assertArgument(decay >= 0 && decay < 1, 'emaDecay', () => `must be in [0, 1), got ${decay}`);
  const marginal = scores.length - joint;
  let jointSum = 0;
  for (let i = 0; i < joint; i++) jointSum += scores[i]!;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = joint; i < scores.length; i++) max = Math.max(max, scores[i]!);
  let expSum = 0;
  for (let i = joint; i < scores.length; i++) expSum += Math.exp(scores[i]! - max);
  const logMeanExpMarginal = max + Math.log(expSum / marginal);
  const batch = logMeanExpMarginal + Math.log(1 - decay);
  const past = state.logEma + Math.log(decay);
  const logEma =
    decay === 0 || past === Number.NEGATIVE_INFINITY
      ? batch
      : Math.max(past, batch) + Math.log1p(Math.exp(-Math.abs(past - batch)));
  const count = state.count + 1;
  const logDenominator = logEma - Math.log(1 - decay ** count);
  const gradient = new Float32Array(scores.length);
  gradient.fill(1 / joint, 0, joint);
  for (let i = joint; i < scores.length; i++) {
    gradient[i] = -Math.exp(scores[i]! - logDenominator) / marginal;
  }
  return { value: jointSum / joint - logMeanExpMarginal, state: { logEma, count }, gradient };
}
