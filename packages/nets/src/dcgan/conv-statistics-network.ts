import {
  assertArgument,
  assertPositiveInteger,
  type Critic,
  createRng,
  leakyRelu,
} from '@mine/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  assertWeightInit,
  DEFAULT_WEIGHT_INIT,
  initKernel,
  variableFrom,
  type WeightInit,
} from '../gan/init.js';
import { assertWidth, convKernel, sameOutputSize, scaledChannels } from './conv.js';

export interface ConvStatisticsNetworkOptions {
  /** Image height and width. @default 28 */
  size?: number;
  /** Image channels. @default 3 (Stacked MNIST) */
  channels?: number;
  /** Dimension of the conditioning vector z (the generator's input or code). */
  zDim: number;
  /** Feature maps of the 5×5, stride-2 convolutions at width 1. @default [16, 32, 64] (Table 6) */
  convChannels?: readonly number[];
  /** Units of the linear fully connected layer at width 1 (0: none). @default 1024 (Table 6) */
  dense?: number;
  /** Multiplier of every layer's width. @default 1 */
  width?: number;
  /** Activation of the convolutions. @default 'elu' (Table 6) */
  activation?: 'elu' | 'leakyRelu' | 'relu';
  /** @default { normalStd: 0.02 } */
  weightInit?: WeightInit;
  /** @default 0 */
  seed?: number;
}

/** A statistics network T(x, z) on images; x comes flattened as [n, size·size·channels]. */
export interface ConvStatisticsNetwork extends Critic {
  readonly size: number;
  readonly channels: number;
  /** Channels of each z-conditioned layer, the convolutions then the dense layer. */
  readonly conditionedWidths: readonly number[];
}

/**
 * The statistics network of Table 6 (Stacked MNIST; Table 10 for ALI is the same shape):
 * 5×5 stride-2 convolutions with ELU and no batch norm, then a linear fully connected layer
 * and one score. It is conditioned on z by a "dynamic bias" (Sec. 8.1.3): each layer l adds
 * A_l z + c_l, one value per feature map broadcast over space, before its activation. All A_l z
 * come from one matrix product, split per layer.
 *
 * A core `Critic`: xDim = size·size·channels (rows of flattened NHWC images), zDim = zDim.
 */
export function convStatisticsNetwork(
  options: ConvStatisticsNetworkOptions,
): ConvStatisticsNetwork {
  const {
    size = 28,
    channels = 3,
    zDim,
    convChannels = [16, 32, 64],
    dense = 1024,
    width = 1,
    activation = 'elu',
    weightInit = DEFAULT_WEIGHT_INIT,
    seed = 0,
  } = options;
  assertPositiveInteger(zDim, 'zDim');
  assertArgument(
    Number.isInteger(size) && size >= 4,
    'size',
    () => `must be an integer >= 4, got ${size}`,
  );
  assertPositiveInteger(channels, 'channels');
  assertArgument(
    convChannels.length > 0 && convChannels.every((c) => Number.isInteger(c) && c > 0),
    'convChannels',
    () => `must be positive integers, got [${convChannels}]`,
  );
  assertArgument(
    Number.isInteger(dense) && dense >= 0,
    'dense',
    () => `must be a non-negative integer, got ${dense}`,
  );
  assertWidth(width);
  assertWeightInit(weightInit);
  const rng = createRng(seed);
  const maps = convChannels.map((c) => scaledChannels(c, width));
  const denseUnits = dense > 0 ? scaledChannels(dense, width) : 0;
  const kernels: tf.Variable[] = [];
  let inChannels = channels;
  let spatial = size;
  for (const m of maps) {
    kernels.push(variableFrom(convKernel(5, inChannels, m, weightInit, rng), true));
    inChannels = m;
    spatial = sameOutputSize(spatial, 2);
  }
  const flat = spatial * spatial * inChannels;
  const conditionedWidths = denseUnits > 0 ? [...maps, denseUnits] : [...maps];
  const totalConditioned = conditionedWidths.reduce((a, b) => a + b, 0);
  // The dynamic biases: [zDim, Σ widths] and the static part c, one matmul for every layer.
  const conditioning = variableFrom(initKernel(zDim, totalConditioned, weightInit, rng), true);
  const conditioningBias = variableFrom(tf.zeros([totalConditioned]), true);
  const denseKernel =
    denseUnits > 0 ? variableFrom(initKernel(flat, denseUnits, weightInit, rng), true) : null;
  const outKernel = variableFrom(initKernel(denseUnits || flat, 1, weightInit, rng), true);
  const outBias = variableFrom(tf.zeros([1]), true);
  const trainableVariables = [
    ...kernels,
    ...(denseKernel ? [denseKernel] : []),
    conditioning,
    conditioningBias,
    outKernel,
    outBias,
  ];
  const act = (h: tf.Tensor): tf.Tensor =>
    activation === 'elu' ? tf.elu(h) : activation === 'relu' ? tf.relu(h) : leakyRelu(h, 0.2);
  const xDim = size * size * channels;

  const score = (x: tf.Tensor2D, z: tf.Tensor2D): tf.Tensor1D => {
    assertArgument(
      x.rank === 2 && x.shape[1] === xDim,
      'x',
      () => `must be [n, ${xDim}] (flattened ${size}×${size}×${channels} images), got [${x.shape}]`,
    );
    assertArgument(
      z.rank === 2 && z.shape[1] === zDim && z.shape[0] === x.shape[0],
      'z',
      () => `must be [${x.shape[0]}, ${zDim}], got [${z.shape}]`,
    );
    return tf.tidy(() => {
      const n = x.shape[0];
      const biases = tf.split(
        tf.add(tf.matMul(z, conditioning as tf.Tensor2D), conditioningBias),
        conditionedWidths,
        1,
      );
      let h: tf.Tensor = tf.reshape(x, [n, size, size, channels]);
      kernels.forEach((kernel, l) => {
        const conv = tf.conv2d(h as tf.Tensor4D, kernel as tf.Tensor4D, 2, 'same');
        h = act(tf.add(conv, tf.reshape(biases[l]!, [n, 1, 1, maps[l]!])));
      });
      h = tf.reshape(h, [n, flat]);
      if (denseKernel) {
        // Table 6: the fully connected layer is linear.
        h = tf.add(tf.matMul(h as tf.Tensor2D, denseKernel as tf.Tensor2D), biases[maps.length]!);
      }
      return tf.reshape(tf.add(tf.matMul(h as tf.Tensor2D, outKernel as tf.Tensor2D), outBias), [
        n,
      ]) as tf.Tensor1D;
    });
  };

  return {
    xDim,
    zDim,
    size,
    channels,
    conditionedWidths,
    score,
    trainableVariables,
    dispose() {
      for (const v of trainableVariables) v.dispose();
    },
  };
}
