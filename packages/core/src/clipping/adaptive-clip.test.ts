import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { adaptiveClip, combineWithAdaptiveClip, globalNorm } from './adaptive-clip.js';

const values = (t: tf.Tensor) => Array.from(t.dataSync());

describe('adaptive clipping (Eq. 21)', () => {
  it('global norm covers all parameters', () => {
    expect(globalNorm({ a: tf.tensor1d([3]), b: tf.tensor2d([[4]]) }).dataSync()[0]).toBeCloseTo(5);
  });

  it('shrinks a larger MI gradient to the adversarial norm, keeping its direction', () => {
    const gu = { w: tf.tensor1d([0, 1]) }; // norm 1
    const gm = { w: tf.tensor1d([30, 40]) }; // norm 50
    const ga = adaptiveClip(gu, gm);
    expect(values(ga.w!)[0]).toBeCloseTo(0.6);
    expect(values(ga.w!)[1]).toBeCloseTo(0.8);
  });

  it('leaves a smaller MI gradient unchanged, and a zero one zero', () => {
    const gu = { a: tf.tensor1d([10]), b: tf.tensor1d([0]) };
    const gm = { a: tf.tensor1d([0.3]), b: tf.tensor1d([0.4]) };
    const ga = adaptiveClip(gu, gm);
    expect(values(ga.a!)[0]).toBeCloseTo(0.3);
    expect(values(ga.b!)[0]).toBeCloseTo(0.4);
    const zero = adaptiveClip(gu, { a: tf.tensor1d([0]), b: tf.tensor1d([0]) });
    expect(values(zero.a!)).toEqual([0]);
  });

  it('combines g_u + g_a and checks the parameters match', () => {
    const g = combineWithAdaptiveClip({ w: tf.tensor1d([1, 0]) }, { w: tf.tensor1d([0, 5]) });
    expect(values(g.w!)).toEqual([1, 1]);
    expect(() => combineWithAdaptiveClip({ w: tf.tensor1d([1]) }, { v: tf.tensor1d([1]) })).toThrow(
      /"mutualInformation"/,
    );
  });
});
