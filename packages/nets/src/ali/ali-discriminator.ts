import { assertArgument, assertPositiveInteger, createRng, leakyRelu } from '@mine/core';
import * as tf from '@tensorflow/tfjs-core';
import { assertWidth, convKernel, scaledChannels } from '../dcgan/conv.js';
import { type BatchNorm, batchNorm } from '../gan/batch-norm.js';
import {
  assertWeightInit,
  DEFAULT_WEIGHT_INIT,
  initKernel,
  variableFrom,
  type WeightInit,
} from '../gan/init.js';
import type { ApplyOptions, Network } from '../gan/network.js';
import { aliSizes } from './sizes.js';

export interface AliDiscriminatorOptions {
  /** Image height and width. @default 28 */
  size?: number;
  /**
   * Image channels: 1 for the joint discriminator D(x, z); 2 for ALICE's discriminator of image
   * pairs (x, x') stacked as channels. @default 1
   */
  channels?: number;
  /** Dimension of the code z joined after the convolutions; 0: images only. @default 128 */
  codeDim?: number;
  /** Multiplier of every hidden layer's width; 1 is Table 9 (64-128-256, FC 1024). @default 1 */
  width?: number;
  /** Negative slope of the LeakyReLU. @default 0.2 (DCGAN's) */
  leak?: number;
  /** @default { normalStd: 0.02 } */
  weightInit?: WeightInit;
  /** @default 0 */
  seed?: number;
}

/** A discriminator of (image, code) pairs: x [n, s, s, c] and z [n, codeDim] → logits [n]. */
export interface AliDiscriminator extends Network {
  readonly size: number;
  readonly channels: number;
  readonly codeDim: number;
  readonly nonTrainableVariables: readonly tf.Variable[];
  /** Logits (the sigmoid lives in the loss). Evaluation mode by default; `z` is null when codeDim is 0. */
  apply(x: tf.Tensor4D, z: tf.Tensor2D | null, options?: ApplyOptions): tf.Tensor1D;
}

const BASE_CHANNELS = [64, 128, 256] as const;
const BASE_DENSE = 1024;

/**
 * The joint discriminator of Table 9: 5×5 stride-2 convolutions of x to 14×14×64, 7×7×128 and
 * 4×4×256 with LeakyReLU, flattened and joined with z, a fully connected layer of 1024
 * (LeakyReLU) and one logit. (The table's input 28×28×3 is a copy of Table 5's; MNIST has one
 * channel.) Batch norm follows the second and third convolutions, as in DCGAN's discriminator.
 */
export function aliDiscriminator(options: AliDiscriminatorOptions = {}): AliDiscriminator {
  const {
    size = 28,
    channels = 1,
    codeDim = 128,
    width = 1,
    leak = 0.2,
    weightInit = DEFAULT_WEIGHT_INIT,
    seed = 0,
  } = options;
  const [coarse] = aliSizes(size);
  assertPositiveInteger(channels, 'channels');
  assertArgument(
    Number.isInteger(codeDim) && codeDim >= 0,
    'codeDim',
    () => `must be a non-negative integer, got ${codeDim}`,
  );
  assertWidth(width);
  assertArgument(leak >= 0 && leak < 1, 'leak', () => `must be in [0, 1), got ${leak}`);
  assertWeightInit(weightInit);
  const rng = createRng(seed);
  const maps = BASE_CHANNELS.map((c) => scaledChannels(c, width));
  const denseUnits = scaledChannels(BASE_DENSE, width);
  const kernels: tf.Variable[] = [];
  let inChannels = channels;
  for (const m of maps) {
    kernels.push(variableFrom(convKernel(5, inChannels, m, weightInit, rng), true));
    inChannels = m;
  }
  const firstBias = variableFrom(tf.zeros([maps[0]!]), true);
  const norms: BatchNorm[] = maps.slice(1).map((units) => batchNorm({ units }));
  const flat = coarse * coarse * inChannels;
  const denseKernel = variableFrom(initKernel(flat + codeDim, denseUnits, weightInit, rng), true);
  const denseBias = variableFrom(tf.zeros([denseUnits]), true);
  const outKernel = variableFrom(initKernel(denseUnits, 1, weightInit, rng), true);
  const outBias = variableFrom(tf.zeros([1]), true);
  const trainableVariables = [
    kernels[0]!,
    firstBias,
    ...kernels.slice(1).flatMap((k, i) => [k, ...norms[i]!.trainableVariables]),
    denseKernel,
    denseBias,
    outKernel,
    outBias,
  ];
  const nonTrainableVariables = norms.flatMap((n) => [...n.statistics]);
  return {
    size,
    channels,
    codeDim,
    trainableVariables,
    nonTrainableVariables,
    variables: [...trainableVariables, ...nonTrainableVariables],
    apply(x, z, applyOptions = {}) {
      assertArgument(
        x.rank === 4 && x.shape[1] === size && x.shape[2] === size && x.shape[3] === channels,
        'x',
        () => `must be [n, ${size}, ${size}, ${channels}], got [${x.shape}]`,
      );
      if (codeDim > 0) {
        assertArgument(
          z !== null && z.rank === 2 && z.shape[0] === x.shape[0] && z.shape[1] === codeDim,
          'z',
          () => `must be [${x.shape[0]}, ${codeDim}], got ${z ? `[${z.shape}]` : 'null'}`,
        );
      }
      return tf.tidy(() => {
        const n = x.shape[0];
        // Core's leakyRelu: bias-add and activation in one kernel each way on wasm.
        let h = leakyRelu(tf.conv2d(x, kernels[0] as tf.Tensor4D, 2, 'same'), leak, firstBias);
        for (let i = 1; i < kernels.length; i++) {
          h = tf.conv2d(h, kernels[i] as tf.Tensor4D, 2, 'same');
          h = leakyRelu(norms[i - 1]!.apply(h, applyOptions), leak);
        }
        let features = tf.reshape(h, [n, flat]) as tf.Tensor2D;
        if (codeDim > 0) features = tf.concat([features, z!], 1);
        const hidden = leakyRelu(tf.matMul(features, denseKernel as tf.Tensor2D), leak, denseBias);
        return tf.reshape(tf.add(tf.matMul(hidden, outKernel as tf.Tensor2D), outBias), [
          n,
        ]) as tf.Tensor1D;
      });
    },
    dispose() {
      for (const v of [...kernels, firstBias, denseKernel, denseBias, outKernel, outBias])
        v.dispose();
      for (const n of norms) n.dispose();
    },
  };
}
