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

describe('Conv2DBackpropFilter on wasm', () => {
  it('is registered (tfjs-backend-wasm 4.22.0 has none)', () => {
    expect(isOurKernel('Conv2DBackpropFilter')).toBe(true);
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
            'Conv2DBackpropFilter',
            { x: randomTensor(c.x, 10 * i), dy: randomTensor(dy, 10 * i + 1) },
            { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: filter },
          ) as tf.Tensor,
    );
    expect(result.wasm.shapes[0]).toEqual(filter);
    expect(worstError(result)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('matches cpu for NCHW', async () => {
    const result = await onBothBackends(
      () =>
        tf
          .engine()
          .runKernel(
            'Conv2DBackpropFilter',
            { x: randomTensor([2, 3, 9, 8], 1), dy: randomTensor([2, 4, 5, 4], 2) },
            { strides: 2, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 3, 4] },
          ) as tf.Tensor,
    );
    expect(worstError(result)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('leaks no tensors or wasm data', () => {
    const x = tf.randomNormal([2, 9, 9, 3]);
    const dy = tf.randomNormal([2, 4, 4, 5]);
    const step = () =>
      tf
        .engine()
        .runKernel(
          'Conv2DBackpropFilter',
          { x, dy },
          { strides: 2, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 3, 5] },
        ) as tf.Tensor;
    step().dispose();
    const before = liveCounts();
    for (let i = 0; i < 5; i++) step().dispose();
    expect(liveCounts()).toEqual(before);
    tf.dispose([x, dy]);
  });
});
