import { assertArgument, assertPositiveInteger, createRng } from '@mine/core';
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

export interface AliDecoderOptions {
  /** Dimension of the code z. @default 128 (Table 8; its caption's N_256 is a typo for 128) */
  codeDim?: number;
  /** Image height and width. @default 28 */
  size?: number;
  /** Image channels. @default 1 */
  channels?: number;
  /** Multiplier of every hidden layer's channels; 1 is Table 8 (256-128-64). @default 1 */
  width?: number;
  /** @default { normalStd: 0.02 } */
  weightInit?: WeightInit;
  /** @default 0 */
  seed?: number;
}

/** The decoder (generator) G(z) of a bidirectional model: z [n, codeDim] → images [n, s, s, c] in [−1, 1]. */
export interface AliDecoder extends Network {
  readonly codeDim: number;
  readonly size: number;
  readonly channels: number;
  readonly nonTrainableVariables: readonly tf.Variable[];
  /** Evaluation mode (batch-norm running averages) by default. */
  apply(z: tf.Tensor2D, options?: ApplyOptions): tf.Tensor4D;
}

const BASE_CHANNELS = [256, 128, 64] as const;

/**
 * The MNIST decoder of Table 8: a fully connected layer to 4×4×256, 5×5 stride-2 transposed
 * convolutions to 7×7×128 and 14×14×64 (ReLU) and to 28×28×1 with tanh. As in DCGAN, batch norm
 * follows every layer but the last (which has a bias; the others do not).
 */
export function aliDecoder(options: AliDecoderOptions = {}): AliDecoder {
  const {
    codeDim = 128,
    size = 28,
    channels = 1,
    width = 1,
    weightInit = DEFAULT_WEIGHT_INIT,
    seed = 0,
  } = options;
  const sizes = aliSizes(size);
  assertPositiveInteger(codeDim, 'codeDim');
  assertPositiveInteger(channels, 'channels');
  assertWidth(width);
  assertWeightInit(weightInit);
  const rng = createRng(seed);
  const maps = BASE_CHANNELS.map((c) => scaledChannels(c, width));
  const first = sizes[0];
  const dense = variableFrom(initKernel(codeDim, first * first * maps[0]!, weightInit, rng), true);
  const norms: BatchNorm[] = maps.map((units) => batchNorm({ units }));
  // conv2dTranspose reads a kernel as [k, k, outChannels, inChannels].
  const kernels: tf.Variable[] = [];
  for (let i = 1; i < maps.length; i++) {
    kernels.push(variableFrom(convKernel(5, maps[i]!, maps[i - 1]!, weightInit, rng), true));
  }
  const outKernel = variableFrom(
    convKernel(5, channels, maps[maps.length - 1]!, weightInit, rng),
    true,
  );
  const outBias = variableFrom(tf.zeros([channels]), true);
  const trainableVariables = [
    dense,
    ...norms[0]!.trainableVariables,
    ...kernels.flatMap((k, i) => [k, ...norms[i + 1]!.trainableVariables]),
    outKernel,
    outBias,
  ];
  const nonTrainableVariables = norms.flatMap((n) => [...n.statistics]);
  return {
    codeDim,
    size,
    channels,
    trainableVariables,
    nonTrainableVariables,
    variables: [...trainableVariables, ...nonTrainableVariables],
    apply(z, applyOptions = {}) {
      assertArgument(
        z.rank === 2 && z.shape[1] === codeDim,
        'z',
        () => `must be [n, ${codeDim}], got [${z.shape}]`,
      );
      return tf.tidy(() => {
        const n = z.shape[0];
        let h = tf.reshape(tf.matMul(z, dense as tf.Tensor2D), [
          n,
          first,
          first,
          maps[0]!,
        ]) as tf.Tensor4D;
        h = tf.relu(norms[0]!.apply(h, applyOptions));
        for (let i = 0; i < kernels.length; i++) {
          const s = sizes[i + 1]!;
          h = tf.conv2dTranspose(h, kernels[i] as tf.Tensor4D, [n, s, s, maps[i + 1]!], 2, 'same');
          h = tf.relu(norms[i + 1]!.apply(h, applyOptions));
        }
        const out = tf.conv2dTranspose(
          h,
          outKernel as tf.Tensor4D,
          [n, size, size, channels],
          2,
          'same',
        );
        return tf.tanh(tf.add(out, outBias)) as tf.Tensor4D;
      });
    },
    dispose() {
      for (const v of [dense, ...kernels, outKernel, outBias]) v.dispose();
      for (const n of norms) n.dispose();
    },
  };
}
