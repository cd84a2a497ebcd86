import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { isOurKernel } from './kernel-utils.js';
import {
  CONV_CASES,
  convShapes,
  describeCase,
  liveCounts,
  onBothBackends,
  randomTensor,
  worstError,
} from './testing.js';

const TOLERANCE = 1e-4;

describe('Conv2DBackpropInput on wasm', () => {
  it('is our Conv2D-based kernel', () => {
    expect(isOurKernel('Conv2DBackpropInput')).toBe(true);
  });

  it.each(
    CONV_CASES.map((c, i) => [describeCase(c), c, i] as const),
  )('matches cpu: %s', async (_, c, i) => {
    const { filter, dy } = convShapes(c);
    const result = await onBothBackends(
      () =>
        tf
          .engine()
          .runKernel(
            'Conv2DBackpropInput',
            { dy: randomTensor(dy, 10 * i), filter: randomTensor(filter, 10 * i + 1) },
            { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x },
          ) as tf.Tensor,
    );
    expect(result.wasm.shapes[0]).toEqual(c.x);
    expect(worstError(result)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('matches cpu for conv2dTranspose (a generator layer)', async () => {
    const result = await onBothBackends(() =>
      tf.conv2dTranspose(
        randomTensor([4, 7, 7, 16], 3) as tf.Tensor4D,
        randomTensor([4, 4, 8, 16], 4) as tf.Tensor4D,
        [4, 14, 14, 8],
        2,
        'same',
      ),
    );
    expect(worstError(result)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('matches cpu with 16+ channels (block copies), odd 7x7 and 4x4 outputs of stride 2', async () => {
    const layers: [number[], number[], number[]][] = [
      // [dy, filter, dx]: DCGAN generator layers at width 1/4 and 1/8, batch 2.
      [
        [2, 4, 4, 24],
        [5, 5, 16, 24],
        [2, 7, 7, 16],
      ],
      [
        [2, 2, 2, 32],
        [5, 5, 16, 32],
        [2, 4, 4, 16],
      ],
      [
        [2, 7, 7, 16],
        [5, 5, 20, 16],
        [2, 14, 14, 20],
      ],
    ];
    for (const [i, [dy, filter, dx]] of layers.entries()) {
      const result = await onBothBackends(() =>
        tf.conv2dTranspose(
          randomTensor(dy, 20 + i) as tf.Tensor4D,
          randomTensor(filter, 30 + i) as tf.Tensor4D,
          dx as [number, number, number, number],
          2,
          'same',
        ),
      );
      expect(worstError(result), `dx [${dx}]`).toBeLessThanOrEqual(TOLERANCE);
    }
  });

  it('reuses a filter and follows a variable to its new data after assign', async () => {
    const result = await onBothBackends(() => {
      const dy = randomTensor([2, 4, 4, 6], 40) as tf.Tensor4D;
      const w = tf.variable(randomTensor([5, 5, 3, 6], 41) as tf.Tensor4D);
      const apply = () => tf.conv2dTranspose(dy, w, [2, 7, 7, 3], 2, 'same');
      const outputs = [apply(), apply()];
      w.assign(randomTensor([5, 5, 3, 6], 42) as tf.Tensor4D);
      outputs.push(apply());
      w.dispose();
      return outputs;
    });
    expect(worstError(result)).toBeLessThanOrEqual(TOLERANCE);
    // The second call reused the first's sub-filters; the third saw the assigned values.
    expect(result.wasm.values[1]).toEqual(result.wasm.values[0]);
    expect(result.wasm.values[2]).not.toEqual(result.wasm.values[0]);
  });

  it('releases the sub-filters of a freed filter on the next call', () => {
    const dy = tf.randomNormal<tf.Rank.R4>([2, 4, 4, 6]);
    const call = (filter: tf.Tensor4D) =>
      tf.tidy(() => {
        tf.conv2dTranspose(dy, filter, [2, 7, 7, 3], 2, 'same');
      });
    const first = tf.randomNormal<tf.Rank.R4>([5, 5, 3, 6]);
    call(first);
    first.dispose();
    const before = liveCounts();
    // Each new filter's four sub-filters replace the freed one's.
    for (let i = 0; i < 3; i++) {
      const filter = tf.randomNormal<tf.Rank.R4>([5, 5, 3, 6]);
      call(filter);
      filter.dispose();
    }
    expect(liveCounts()).toEqual(before);
    tf.dispose(dy);
  });

  it('leaks no tensors or wasm data', () => {
    const dy = tf.randomNormal<tf.Rank.R4>([2, 4, 5, 5]);
    const filter = tf.randomNormal<tf.Rank.R4>([3, 3, 3, 5]);
    const step = () =>
      tf.tidy(() => {
        tf.conv2dTranspose(dy, filter, [2, 9, 10, 3], 2, 'valid');
        tf.conv2dTranspose(dy, filter, [2, 4, 5, 3], 1, 'same');
      });
    step();
    const before = liveCounts();
    for (let i = 0; i < 5; i++) step();
    expect(liveCounts()).toEqual(before);
    tf.dispose([dy, filter]);
  });
});
