import { assertArgument, type Rng, type WeightInit } from '@mine/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * A convolution kernel [k, k, inChannels, outChannels] (tfjs's conv2d layout; conv2dTranspose
 * reads it as [k, k, outChannels, inChannels]). N(0, std²) draws, or Glorot-uniform with the
 * receptive field in the fans.
 */
export function convKernel(
  size: number,
  inChannels: number,
  outChannels: number,
  init: WeightInit,
  rng: Rng,
): tf.Tensor4D {
  const values = new Float32Array(size * size * inChannels * outChannels);
  if (init === 'glorotUniform') {
    const limit = Math.sqrt(6 / (size * size * (inChannels + outChannels)));
    for (let i = 0; i < values.length; i++) values[i] = (2 * rng.next() - 1) * limit;
  } else {
    for (let i = 0; i < values.length; i++) values[i] = init.normalStd * rng.normal();
  }
  return tf.tensor4d(values, [size, size, inChannels, outChannels]);
}

/** Channels of a layer at width multiplier `width`: round(base·width), at least 1. */
export function scaledChannels(base: number, width: number): number {
  return Math.max(1, Math.round(base * width));
}

export function assertWidth(width: number): void {
  assertArgument(
    Number.isFinite(width) && width > 0 && width <= 8,
    'width',
    () => `must be in (0, 8] (1 is the paper's network), got ${width}`,
  );
}

/** Spatial size after a 'same' convolution of stride s: ceil(size / s). */
export function sameOutputSize(size: number, stride: number): number {
  return Math.ceil(size / stride);
}
