import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { isOurKernel } from './kernel-utils.js';
import { liveCounts, onBothBackends, randomTensor, worstError } from './testing.js';

describe('Identity on wasm', () => {
  it('is our kernel', () => {
    expect(isOurKernel('Identity')).toBe(true);
  });

  it('shares the data and outlives its input', () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const before = liveCounts();
    const y = tf.clone(x);
    expect(liveCounts()).toEqual({ tensors: before.tensors + 1, dataIds: before.dataIds });
    x.dispose();
    expect(y.arraySync()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    y.dispose();
    expect(liveCounts()).toEqual({ tensors: before.tensors - 1, dataIds: before.dataIds - 1 });
  });

  it('keeps a clone of a variable at its value when the variable is assigned', () => {
    const v = tf.variable(tf.tensor1d([1, 2, 3]));
    const saved = tf.clone(v);
    v.assign(tf.tensor1d([7, 8, 9]));
    expect(Array.from(saved.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(v.dataSync())).toEqual([7, 8, 9]);
    tf.dispose([v, saved]);
  });

  it('gives the gradients of cpu through saved tensors (a conv layer trained two steps)', async () => {
    const result = await onBothBackends(() => {
      const x = randomTensor([2, 8, 8, 3], 1) as tf.Tensor4D;
      const w = tf.variable(randomTensor([3, 3, 3, 4], 2) as tf.Tensor4D);
      const optimizer = tf.train.sgd(0.1);
      const loss = () =>
        tf.mean(
          tf.square(
            tf.conv2d(
              tf.relu(tf.conv2d(x, w, 1, 'same')),
              tf.transpose(w, [0, 1, 3, 2]),
              1,
              'same',
            ),
          ),
        ) as tf.Scalar;
      for (let i = 0; i < 2; i++) optimizer.minimize(loss);
      const out = tf.clone(w);
      w.dispose();
      optimizer.dispose();
      return out;
    });
    expect(worstError(result)).toBeLessThanOrEqual(1e-5);
  });
});
