// End to end: the gradients a conv critic/generator trains with, on wasm vs cpu.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { liveCounts, onBothBackends, randomTensor, worstError } from './testing.js';

const TOLERANCE = 1e-4;

/** Two strided convs (one fused with bias + activation), a dense head and a transposed conv. */
function loss(x: tf.Tensor, w1: tf.Tensor, w2: tf.Tensor, b2: tf.Tensor, w3: tf.Tensor) {
  const h1 = tf.leakyRelu(tf.conv2d(x as tf.Tensor4D, w1 as tf.Tensor4D, 2, 'same'), 0.2);
  const h2 = tf.fused.conv2d({
    x: h1 as tf.Tensor4D,
    filter: w2 as tf.Tensor4D,
    strides: 2,
    pad: 'valid',
    bias: b2,
    activation: 'relu',
  });
  const up = tf.conv2dTranspose(h2, w3 as tf.Tensor4D, [x.shape[0]!, 4, 4, 3], 1, 'valid');
  return tf.add(tf.sum(tf.square(h2)), tf.sum(tf.mul(up, up)));
}

describe('conv gradients on wasm', () => {
  it('match cpu for every input of a small conv net', async () => {
    const result = await onBothBackends(() =>
      tf.grads(loss)([
        randomTensor([3, 13, 13, 3], 1),
        tf.mul(randomTensor([5, 5, 3, 8], 2), 0.3),
        tf.mul(randomTensor([3, 3, 8, 6], 3), 0.3),
        randomTensor([6], 4),
        tf.mul(randomTensor([2, 2, 3, 6], 5), 0.3),
      ]),
    );
    expect(result.wasm.shapes).toEqual(result.cpu.shapes);
    expect(worstError(result)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('match cpu through tf.gather (UnsortedSegmentSum)', async () => {
    const indices = [4, 0, 2, 2, 4, 1, 4];
    const result = await onBothBackends(() => {
      const f = (p: tf.Tensor) =>
        tf.add(
          tf.sum(tf.square(tf.gather(p, tf.tensor1d(indices, 'int32'), 0))),
          tf.sum(tf.gather(p, tf.tensor1d([1, 1, 0], 'int32'), 1)),
        );
      return tf.grad(f)(randomTensor([6, 4], 6));
    });
    expect(worstError(result)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('leak nothing across repeated steps', () => {
    const inputs = [
      tf.randomNormal([2, 13, 13, 3]),
      tf.randomNormal([5, 5, 3, 4]),
      tf.randomNormal([3, 3, 4, 6]),
      tf.randomNormal([6]),
      tf.randomNormal([2, 2, 3, 6]),
    ];
    const step = () => tf.tidy(() => void tf.grads(loss)(inputs));
    step();
    const before = liveCounts();
    for (let i = 0; i < 3; i++) step();
    expect(liveCounts()).toEqual(before);
    tf.dispose(inputs);
  });
});
