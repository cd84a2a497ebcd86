import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { RUNNING_AVERAGE, runningAverage } from '../../nn/running-average.js';
import { isOurKernel } from './kernel-utils.js';
import { liveCounts, onBothBackends, randomTensor } from './testing.js';

describe('runningAverage on wasm', () => {
  it('is our kernel', () => {
    expect(isOurKernel(RUNNING_AVERAGE)).toBe(true);
    expect(tf.getKernel(RUNNING_AVERAGE, 'cpu')).toBeUndefined();
  });

  it.each([
    0.9, 0.99, 0.5, 0,
  ])('matches the tfjs ops on cpu bit for bit: momentum %s', async (m) => {
    const result = await onBothBackends(() => [
      runningAverage(randomTensor([257], 1), tf.exp(randomTensor([257], 2)), m),
      runningAverage(randomTensor([3, 4, 5], 3), randomTensor([3, 4, 5], 4), m),
    ]);
    expect(result.wasm.shapes).toEqual(result.cpu.shapes);
    for (let k = 0; k < result.cpu.values.length; k++) {
      expect(result.wasm.values[k], `output ${k}`).toEqual(result.cpu.values[k]);
    }
  });

  it('is one kernel and saves nothing for a backward pass inside tf.variableGrads', async () => {
    const average = tf.variable(tf.zeros([8]), false);
    const w = tf.variable(tf.ones([8]));
    const kernels = async (update: boolean) => {
      const profile = await tf.profile(() => {
        const { value, grads } = tf.variableGrads(() => {
          const y = tf.mul(w, 2);
          if (update) average.assign(runningAverage(average, y, 0.9));
          return tf.sum(y) as tf.Scalar;
        }, [w]);
        tf.dispose([value, grads]);
      });
      return profile.kernels.map((k) => k.name);
    };
    const without = await kernels(false);
    const withUpdate = await kernels(true);
    expect(withUpdate.filter((n) => n === RUNNING_AVERAGE)).toHaveLength(1);
    expect(withUpdate).toHaveLength(without.length + 1);
    expect(Array.from(average.dataSync())).toEqual(new Array(8).fill(Math.fround(0.2)));
    tf.dispose([average, w]);
  });

  it('rejects a bad momentum or value, naming the argument', () => {
    const a = tf.zeros([4]);
    expect(() => runningAverage(a, tf.zeros([4]), 1)).toThrow(/momentum/);
    expect(() => runningAverage(a, tf.zeros([5]), 0.9)).toThrow(/value/);
    a.dispose();
  });

  it('leaks no tensors or wasm data across updates', () => {
    const average = tf.variable(tf.zeros([16]), false);
    const step = () => tf.tidy(() => average.assign(runningAverage(average, tf.ones([16]), 0.9)));
    step();
    const before = liveCounts();
    for (let i = 0; i < 5; i++) step();
    expect(liveCounts()).toEqual(before);
    average.dispose();
  });
});
