import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  BATCH_NORM_TRAINING,
  BATCH_NORM_TRAINING_GRAD,
  batchNormTraining,
} from '../../nn/batch-norm.js';
import { isOurKernel } from './kernel-utils.js';
import { liveCounts, onBothBackends, randomTensor, worstError } from './testing.js';

const TOLERANCE = 1e-4;

// Conv feature maps of the DCGAN (odd 7x7, a 2x2x1 corner case), dense rows, one row per channel.
const SHAPES = [
  [8, 7, 7, 16],
  [4, 14, 14, 8],
  [5, 4, 4, 3],
  [3, 2, 2, 1],
  [32, 12],
  [2, 1, 1, 5],
  [1, 3],
];

/** y, mean, variance and the gradients of a loss that reads all three, in x, γ and β. */
function forwardAndGradients(shape: number[], seed: number, offset: number): tf.Tensor[] {
  const channels = shape[shape.length - 1]!;
  const x = tf.add(randomTensor(shape, seed), offset);
  const gamma = tf.add(randomTensor([channels], seed + 1), 1);
  const beta = randomTensor([channels], seed + 2);
  const wy = randomTensor(shape, seed + 3);
  const wm = randomTensor([channels], seed + 4);
  const wv = randomTensor([channels], seed + 5);
  const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    const { y, mean, variance } = batchNormTraining(a, g, b, 1e-5);
    return tf.addN([tf.sum(tf.mul(y, wy)), tf.sum(tf.mul(mean, wm)), tf.sum(tf.mul(variance, wv))]);
  };
  const { y, mean, variance } = batchNormTraining(x, gamma, beta, 1e-5);
  const grads = tf.grads(f)([x, gamma, beta]);
  // Only y reaches the loss: the gradient kernel gets zero dMean and dVariance.
  const onlyY = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.mul(batchNormTraining(a, g, b, 1e-3).y, wy)),
  )([x, gamma, beta]);
  return [y, mean, variance, ...grads, ...onlyY];
}

describe('fused batch norm (training) on wasm', () => {
  it('is our kernel, with its gradient kernel', () => {
    expect(isOurKernel(BATCH_NORM_TRAINING)).toBe(true);
    expect(isOurKernel(BATCH_NORM_TRAINING_GRAD)).toBe(true);
    expect(tf.getKernel(BATCH_NORM_TRAINING, 'cpu')).toBeUndefined();
  });

  it.each(
    SHAPES.map((shape, i) => [`[${shape}]`, shape, i] as const),
  )('matches the tfjs ops on cpu: x %s', async (_, shape, i) => {
    for (const offset of [0, 3]) {
      const result = await onBothBackends(() => forwardAndGradients(shape, 100 * i, offset));
      expect(result.wasm.shapes).toEqual(result.cpu.shapes);
      for (let k = 0; k < result.cpu.values.length; k++) {
        const one = {
          cpu: { shapes: [result.cpu.shapes[k]!], values: [result.cpu.values[k]!] },
          wasm: { shapes: [result.wasm.shapes[k]!], values: [result.wasm.values[k]!] },
        };
        expect(worstError(one), `output ${k}, offset ${offset}`).toBeLessThanOrEqual(TOLERANCE);
      }
    }
  });

  it('rejects mismatched γ, β and ε, naming the argument', () => {
    const x = tf.zeros([2, 3, 3, 4]);
    expect(() => batchNormTraining(x, tf.ones([3]), tf.zeros([4]), 1e-5)).toThrow(/gamma/);
    expect(() => batchNormTraining(x, tf.ones([4]), tf.zeros([4, 1]), 1e-5)).toThrow(/beta/);
    expect(() => batchNormTraining(x, tf.ones([4]), tf.zeros([4]), 0)).toThrow(/epsilon/);
    expect(() => batchNormTraining(tf.zeros([4]), tf.ones([4]), tf.zeros([4]), 1e-5)).toThrow(/x/);
  });

  it('leaks no tensors or wasm data across training steps', () => {
    const x = tf.randomNormal([4, 5, 5, 6]);
    const gamma = tf.variable(tf.ones([6]));
    const beta = tf.variable(tf.zeros([6]));
    const step = () =>
      tf
        .tidy(() => {
          const { value, grads } = tf.variableGrads(
            () => tf.sum(tf.square(batchNormTraining(x, gamma, beta, 1e-5).y)) as tf.Scalar,
            [gamma, beta],
          );
          gamma.assign(tf.sub(gamma, tf.mul(grads[gamma.name]!, 0.01)));
          beta.assign(tf.sub(beta, tf.mul(grads[beta.name]!, 0.01)));
          return value;
        })
        .dispose();
    step();
    const before = liveCounts();
    for (let i = 0; i < 5; i++) step();
    expect(liveCounts()).toEqual(before);
    tf.dispose([x, gamma, beta]);
  });
});
