import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { donskerVaradhan } from './donsker-varadhan.js';
import { infoNce, infoNceCeiling } from './infonce.js';
import { jensenShannon } from './jensen-shannon.js';
import { logMeanExp } from './log-mean-exp.js';
import { nwj } from './nwj.js';
import { smile } from './smile.js';

const value = (t: tf.Scalar) => {
  const v = t.dataSync()[0]!;
  t.dispose();
  return v;
};

// Hand-computed scores: joint [1, 2, 3], marginal [0, ln 2, ln 3].
const joint = () => tf.tensor1d([1, 2, 3]);
const marginal = () => tf.tensor1d([0, Math.log(2), Math.log(3)]);

describe('bounds on hand-computed scores', () => {
  it('logMeanExp is stable for huge scores', () => {
    expect(value(logMeanExp(tf.tensor1d([0, Math.log(2), Math.log(3)])))).toBeCloseTo(
      Math.log(2),
      5,
    );
    expect(value(logMeanExp(tf.tensor1d([1000, 1000])))).toBeCloseTo(1000, 3);
    expect(value(logMeanExp(tf.tensor1d([-1000, -1000])))).toBeCloseTo(-1000, 3);
  });

  it('Donsker-Varadhan: mean(joint) − log mean exp(marginal)', () => {
    // mean = 2; mean of e^m = (1 + 2 + 3)/3 = 2.
    expect(value(donskerVaradhan(joint(), marginal()))).toBeCloseTo(2 - Math.log(2), 5);
  });

  it('NWJ / MINE-f: mean(joint) − mean exp(marginal − 1)', () => {
    expect(value(nwj(joint(), marginal()))).toBeCloseTo(2 - 2 / Math.E, 5);
  });

  it('NWJ never exceeds DV for the same scores (Sec. 2.2, footnote 4)', () => {
    for (const shift of [-2, 0, 1, 3]) {
      const m = tf.add(marginal(), shift) as tf.Tensor1D;
      const j = tf.add(joint(), shift) as tf.Tensor1D;
      expect(value(nwj(j, m))).toBeLessThanOrEqual(value(donskerVaradhan(j, m)) + 1e-6);
    }
  });

  it('SMILE clips only the partition scores', () => {
    const j = tf.tensor1d([10, 10]);
    const m = tf.tensor1d([10, -10]);
    // Clipped to [-1, 1]: log mean(e, e^-1) = log cosh 1.
    expect(value(smile(1)(j, m))).toBeCloseTo(10 - Math.log(Math.cosh(1)), 4);
    // A large tau is plain DV.
    expect(value(smile(100)(joint(), marginal()))).toBeCloseTo(2 - Math.log(2), 5);
  });

  it('Jensen-Shannon: −softplus(−T) on joint, −softplus(T) on marginal', () => {
    const sp = (v: number) => Math.log1p(Math.exp(v));
    const expected =
      -(sp(-1) + sp(-2) + sp(-3)) / 3 - (sp(0) + sp(Math.log(2)) + sp(Math.log(3))) / 3;
    expect(value(jensenShannon(joint(), marginal()))).toBeCloseTo(expected, 5);
  });

  it('InfoNCE on a score matrix, and its log n ceiling', () => {
    const s = tf.tensor2d([
      [2, 0],
      [1, 3],
    ]);
    const row0 = 2 - Math.log(Math.exp(2) + 1);
    const row1 = 3 - Math.log(Math.exp(1) + Math.exp(3));
    expect(value(infoNce(s))).toBeCloseTo((row0 + row1) / 2 + Math.log(2), 5);
    // A perfectly separating critic reaches log n and no more.
    const perfect = tf.mul(tf.eye(4), 100) as tf.Tensor2D;
    expect(value(infoNce(perfect))).toBeCloseTo(infoNceCeiling(4), 4);
    expect(() => infoNce(tf.zeros([2, 3]) as tf.Tensor2D)).toThrow(/square/);
  });
});
