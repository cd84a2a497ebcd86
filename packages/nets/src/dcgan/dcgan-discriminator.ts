import { assertArgument, assertPositiveInteger, createRng, leakyRelu } from '@mine/core';
import * as tf from '@tensorflow/tfjs-core';
import { type BatchNorm, batchNorm } from '../gan/batch-norm.js';
import {
  assertWeightInit,
  DEFAULT_WEIGHT_INIT,
  initKernel,
  variableFrom,
  type WeightInit,
} from '../gan/init.js';
import type { ApplyOptions, Network } from '../gan/network.js';
import { assertWidth, convKernel, sameOutputSize, scaledChannels } from './conv.js';

export interface DcganDiscriminatorOptions {
  /** Input channels. @default 3 */
  channels?: number;
  /** Input height and width. @default 28 */
  size?: number;
  /** Channel multiplier; 1 is Table 5 (64-128-256-512). @default 1 */
  width?: number;
  /** Negative slope of the LeakyReLU. @default 0.2 (PacGAN's code; the table says ReLU) */
  leak?: number;
  /** @default { normalStd: 0.02 } */
  weightInit?: WeightInit;
  /** @default 0 */
  seed?: number;
}

/** A DCGAN discriminator: images [n, size, size, channels] → logits [n, 1]. */
export interface DcganDiscriminator extends Network {
  readonly channels: number;
  readonly width: number;
  readonly nonTrainableVariables: readonly tf.Variable[];
  /** Logits (the sigmoid lives in the loss). Evaluation mode by default. */
  apply(x: tf.Tensor4D, options?: ApplyOptions): tf.Tensor2D;
}

const BASE_CHANNELS = [64, 128, 256, 512] as const;

/**
 * The Stacked-MNIST discriminator of Table 5: four 5×5 convolutions of stride 2 ('same'
 * padding: 28 → 14 → 7 → 4 → 2) with 64, 128, 256, 512 maps and LeakyReLU, batch norm on all
 * but the first, then a fully connected layer to one logit.
 */
export function dcganDiscriminator(options: DcganDiscriminatorOptions = {}): DcganDiscriminator {
  const {
    channels = 3,
    size = 28,
    width = 1,
    leak = 0.2,
    weightInit = DEFAULT_WEIGHT_INIT,
    seed = 0,
  } = options;
  assertPositiveInteger(channels, 'channels');
  assertArgument(
    Number.isInteger(size) && size >= 16,
    'size',
    () => `must be an integer >= 16, got ${size}`,
  );
  assertWidth(width);
  assertArgument(leak >= 0 && leak < 1, 'leak', () => `must be in [0, 1), got ${leak}`);
  assertWeightInit(weightInit);
  const rng = createRng(seed);
  const maps = BASE_CHANNELS.map((c) => scaledChannels(c, width));
  const kernels: tf.Variable[] = [];
  let inChannels = channels;
  let spatial = size;
  for (const m of maps) {
    kernels.push(variableFrom(convKernel(5, inChannels, m, weightInit, rng), true));
    inChannels = m;
    spatial = sameOutputSize(spatial, 2);
  }
  const firstBias = variableFrom(tf.zeros([maps[0]!]), true);
  const norms: BatchNorm[] = maps.slice(1).map((units) => batchNorm({ units }));
  const flat = spatial * spatial * inChannels;
  const outKernel = variableFrom(initKernel(flat, 1, weightInit, rng), true);
  const outBias = variableFrom(tf.zeros([1]), true);
  const trainableVariables = [
    kernels[0]!,
    firstBias,
    ...kernels.slice(1).flatMap((k, i) => [k, ...norms[i]!.trainableVariables]),
    outKernel,
    outBias,
  ];
  const nonTrainableVariables = norms.flatMap((n) => [...n.statistics]);
  return {
    channels,
    width,
    trainableVariables,
    nonTrainableVariables,
    variables: [...trainableVariables, ...nonTrainableVariables],
    apply(x, applyOptions = {}) {
      assertArgument(
        x.rank === 4 && x.shape[1] === size && x.shape[2] === size && x.shape[3] === channels,
        'x',
        () => `must be [n, ${size}, ${size}, ${channels}], got [${x.shape}]`,
      );
      return tf.tidy(() => {
        // Core's leakyRelu: bias-add and activation in one kernel each way on wasm.
        let h = leakyRelu(tf.conv2d(x, kernels[0] as tf.Tensor4D, 2, 'same'), leak, firstBias);
        for (let i = 1; i < kernels.length; i++) {
          h = tf.conv2d(h, kernels[i] as tf.Tensor4D, 2, 'same');
          h = leakyRelu(norms[i - 1]!.apply(h, applyOptions), leak);
        }
        const n = x.shape[0];
        return tf.fused.matMul({
          a: tf.reshape(h, [n, flat]) as tf.Tensor2D,
          b: outKernel as tf.Tensor2D,
          bias: outBias,
        }) as tf.Tensor2D;
      });
    },
    dispose() {
      for (const v of [...kernels, firstBias, outKernel, outBias]) v.dispose();
      for (const n of norms) n.dispose();
    },
  };
}
