import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { donskerVaradhan } from '../bounds/donsker-varadhan.js';
import { createRng } from '../random.js';
import { initEmaState, mineObjective, mineObjectiveOnScores, updateEma } from './moving-average.js';

const num = (t: tf.Tensor) => t.dataSync()[0]!;

describe('moving average of the partition term', () => {
  it('is debiased: the first update equals the batch mean of e^T', () => {
    const s0 = initEmaState();
    const m = tf.tensor1d([0, Math.log(3)]);
    const { state, logDenominator } = updateEma(s0, m, 0.9);
    expect(num(logDenominator)).toBeCloseTo(Math.log(2), 5);
    expect(state.count).toBe(1);
  });

  it('follows ema = decay·ema + (1 − decay)·batch, kept in log space', () => {
    const decay = 0.5;
    let state = initEmaState();
    const batches = [
      [0, 0],
      [Math.log(3), Math.log(3)],
      [Math.log(5), Math.log(5)],
    ];
    let ema = 0;
    let out = 0;
    batches.forEach((b, i) => {
      const r = updateEma(state, tf.tensor1d(b), decay);
      state = r.state;
      ema = decay * ema + (1 - decay) * Math.exp(b[0]!);
      out = num(r.logDenominator);
      expect(num(state.logEma)).toBeCloseTo(Math.log(ema), 5);
      expect(out).toBeCloseTo(Math.log(ema / (1 - decay ** (i + 1))), 5);
    });
  });

  it('survives scores that would overflow exp', () => {
    const { logDenominator } = updateEma(initEmaState(), tf.tensor1d([800, 800]), 0.99);
    expect(num(logDenominator)).toBeCloseTo(800, 2);
  });

  it('rejects a decay outside [0, 1)', () => {
    expect(() => updateEma(initEmaState(), tf.tensor1d([0]), 1)).toThrow(/emaDecay/);
  });
});

describe('mineObjective', () => {
  const scores = (theta: tf.Scalar) => ({
    joint: tf.mul(theta, tf.tensor1d([1, 2, 3])) as tf.Tensor1D,
    marginal: tf.mul(theta, tf.tensor1d([0, 1, 2])) as tf.Tensor1D,
  });

  it('reports the DV value', () => {
    const { joint, marginal } = scores(tf.scalar(1));
    const { value } = mineObjective(joint, marginal, initEmaState(), 0.9);
    expect(num(value)).toBeCloseTo(num(donskerVaradhan(joint, marginal)), 5);
  });

  it('with decay 0 its gradient is the plain DV gradient', () => {
    const theta = tf.scalar(0.7);
    const g = tf.grad((t: tf.Tensor) => {
      const { joint, marginal } = scores(t as tf.Scalar);
      return mineObjective(joint, marginal, initEmaState(), 0).value;
    })(theta);
    const plain = tf.grad((t: tf.Tensor) => {
      const { joint, marginal } = scores(t as tf.Scalar);
      return donskerVaradhan(joint, marginal);
    })(theta);
    expect(num(g)).toBeCloseTo(num(plain), 5);
  });

  it('divides the partition gradient by the moving average instead of the batch mean', () => {
    // A past average of e^T much larger than this batch's shrinks the partition gradient.
    const theta = tf.scalar(0.7);
    const past = { logEma: tf.scalar(Math.log(100)), count: 50 };
    const decay = 0.9;
    const g = tf.grad((t: tf.Tensor) => {
      const { joint, marginal } = scores(t as tf.Scalar);
      return mineObjective(joint, marginal, past, decay).value;
    })(theta);
    // By hand: d/dθ mean(θ·[1,2,3]) = 2; partition gradient mean(m·e^{θm}) / ema_hat.
    const m = [0, 1, 2];
    const batchMean = m.reduce((s, v) => s + Math.exp(0.7 * v), 0) / 3;
    const ema = decay * 100 + (1 - decay) * batchMean;
    const emaHat = ema / (1 - decay ** 51);
    const partition = m.reduce((s, v) => s + v * Math.exp(0.7 * v), 0) / 3 / emaHat;
    expect(num(g)).toBeCloseTo(2 - partition, 4);
  });
});

describe('mineObjectiveOnScores', () => {
  it.each([
    0.99, 0.5, 0,
  ])('matches mineObjective: value, moving average and score gradient (decay %s)', (decay) => {
    const rng = createRng(11);
    let tensorState = initEmaState();
    let plainState = { logEma: Number.NEGATIVE_INFINITY, count: 0 };
    for (let step = 0; step < 5; step++) {
      const joint = Float32Array.from({ length: 6 }, () => 1 + rng.normal());
      const marginal = Float32Array.from({ length: 10 }, () => 3 * rng.normal());
      const j = tf.tensor1d(joint);
      const m = tf.tensor1d(marginal);
      const grads = tf.grads(
        (a: tf.Tensor, b: tf.Tensor) =>
          mineObjective(a as tf.Tensor1D, b as tf.Tensor1D, tensorState, decay).value,
      )([j, m]);
      const value = mineObjective(j, m, tensorState, decay);
      const next = value.state;
      const plain = mineObjectiveOnScores([...joint, ...marginal], 6, plainState, decay);
      expect(plain.value).toBeCloseTo(value.value.dataSync()[0]!, 5);
      expect(plain.state.count).toBe(next.count);
      expect(plain.state.logEma).toBeCloseTo(next.logEma.dataSync()[0]!, 4);
      const expected = [...grads[0]!.dataSync(), ...grads[1]!.dataSync()];
      for (const [i, g] of expected.entries()) expect(plain.gradient[i]).toBeCloseTo(g, 5);
      tf.dispose([j, m, value.value, tensorState.logEma, ...grads]);
      tensorState = next;
      plainState = plain.state;
    }
    tensorState.logEma.dispose();
  });
});
