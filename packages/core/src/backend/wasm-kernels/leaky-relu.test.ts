import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { LEAKY_RELU, LEAKY_RELU_GRAD, leakyRelu } from '../../nn/leaky-relu.js';
import { isOurKernel } from './kernel-utils.js';
import { liveCounts, onBothBackends, randomTensor, worstError } from './testing.js';

// Conv feature maps of the DCGAN and ALI discriminators, dense rows, a vector, a single channel.
const SHAPES = [[4, 14, 14, 16], [3, 7, 7, 5], [32, 12], [9], [2, 3, 3, 1]];

/** y and the gradients of a weighted sum of y in x (and the bias), with and without a bias. */
function forwardAndGradients(shape: number[], seed: number, alpha: number): tf.Tensor[] {
  const channels = shape[shape.length - 1]!;
  const x = randomTensor(shape, seed);
  const bias = randomTensor([channels], seed + 1);
  const w = randomTensor(shape, seed + 2);
  const withBias = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.mul(leakyRelu(a, alpha, b), w)),
  )([x, bias]);
  const plain = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(leakyRelu(a, alpha), w)))(x);
  return [leakyRelu(x, alpha, bias), leakyRelu(x, alpha), ...withBias, plain];
}

describe('fused LeakyReLU on wasm', () => {
  it('is our kernel, with its gradient kernel', () => {
    expect(isOurKernel(LEAKY_RELU)).toBe(true);
    expect(isOurKernel(LEAKY_RELU_GRAD)).toBe(true);
    expect(tf.getKernel(LEAKY_RELU, 'cpu')).toBeUndefined();
  });

  it.each(
    SHAPES.map((shape, i) => [`[${shape}]`, shape, i] as const),
  )('matches the tfjs ops on cpu bit for bit: x %s', async (_, shape, i) => {
    for (const alpha of [0.2, 0]) {
      const result = await onBothBackends(() => forwardAndGradients(shape, 10 * i, alpha));
      expect(result.wasm.shapes).toEqual(result.cpu.shapes);
      // Equal values (a zero gradient's sign may differ: 0 + −0 is 0).
      expect(worstError(result), `alpha ${alpha}`).toBe(0);
    }
  });

  it('matches cpu bit for bit at zero and where x + bias is zero', async () => {
    const result = await onBothBackends(() => {
      // Rows of 3 channels: ±0 with no bias, then -bias exactly (z = 0), around small values.
      const x = tf.tensor2d([0, -0, 1e-30, -0.5, 0.25, -1e-30, 0.5, -0.25, 0], [3, 3]);
      const bias = tf.tensor1d([0.5, -0.25, 0]);
      const w = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3]);
      const [dx, dBias] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(leakyRelu(a, 0.2, b), w)),
      )([x, bias]);
      const plain = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(leakyRelu(a, 0.2), w)))(x);
      return [leakyRelu(x, 0.2, bias), leakyRelu(x, 0.2), dx!, dBias!, plain];
    });
    expect(worstError(result)).toBe(0);
  });

  it('is one kernel forward and one backward', async () => {
    const x = tf.randomNormal([2, 5, 5, 3]);
    const bias = tf.variable(tf.zeros([3]));
    const profile = await tf.profile(() => {
      const { value, grads } = tf.variableGrads(
        () => tf.sum(leakyRelu(x, 0.2, bias)) as tf.Scalar,
        [bias],
      );
      tf.dispose([value, grads]);
    });
    const names = profile.kernels.map((k) => k.name);
    expect(names.filter((n) => n === LEAKY_RELU)).toHaveLength(1);
    expect(names.filter((n) => n === LEAKY_RELU_GRAD)).toHaveLength(1);
    expect(names).not.toContain('LeakyRelu');
    expect(names).not.toContain('Select');
    tf.dispose([x, bias]);
  });

  it('rejects a bad alpha or bias, naming the argument', () => {
    const x = tf.zeros([2, 3, 3, 4]);
    expect(() => leakyRelu(x, 1)).toThrow(/alpha/);
    expect(() => leakyRelu(x, -0.1)).toThrow(/alpha/);
    expect(() => leakyRelu(x, 0.2, tf.zeros([3]))).toThrow(/bias/);
    expect(() => leakyRelu(x, 0.2, tf.zeros([4, 1]))).toThrow(/bias/);
    x.dispose();
  });

  it('leaks no tensors or wasm data across training steps', () => {
    const x = tf.randomNormal([4, 5, 5, 6]);
    const bias = tf.variable(tf.zeros([6]));
    const step = () =>
      tf
        .tidy(() => {
          const { value, grads } = tf.variableGrads(
            () => tf.sum(tf.square(leakyRelu(leakyRelu(x, 0.1), 0.2, bias))) as tf.Scalar,
            [bias],
          );
          bias.assign(tf.sub(bias, tf.mul(grads[bias.name]!, 0.01)));
          return value;
        })
        .dispose();
    step();
    const before = liveCounts();
    for (let i = 0; i < 5; i++) step();
    expect(liveCounts()).toEqual(before);
    tf.dispose([x, bias]);
  });
});
