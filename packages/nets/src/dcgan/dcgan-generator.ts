import { assertArgument, assertPositiveInteger, createRng } from '@mine/core';
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
import { assertWidth, convKernel, scaledChannels } from './conv.js';

export interface DcganGeneratorOptions {
  /** Size of the prior sample z. @default 100 (Table 4: z ~ U(−1, 1)^100) */
  inputDim?: number;
  /** Output channels. @default 3 (Stacked MNIST: three digits as RGB) */
  channels?: number;
  /** Channel multiplier of every hidden layer; 1 is Table 4 (512-256-128-64). @default 1 */
  width?: number;
  /** @default { normalStd: 0.02 } (DCGAN's initialisation) */
  weightInit?: WeightInit;
  /** Seed of the initialisation. @default 0 */
  seed?: number;
}

/** A DCGAN generator z [n, inputDim] → images [n, 28, 28, channels] in [−1, 1]. */
export interface DcganGenerator extends Network {
  readonly inputDim: number;
  readonly channels: number;
  readonly width: number;
  /** Batch-norm running averages (non-trainable), in `variables` after the trainable ones. */
  readonly nonTrainableVariables: readonly tf.Variable[];
  /** Evaluation mode (batch-norm running averages) by default. */
  apply(z: tf.Tensor2D, options?: ApplyOptions): tf.Tensor4D;
}

/** Spatial sizes of Table 4: 2 → 4 → 7 → 14 → 28. */
const SIZES = [2, 4, 7, 14, 28] as const;
/** Feature maps of Table 4 at width 1, after the fully connected layer and each deconvolution. */
const BASE_CHANNELS = [512, 256, 128, 64] as const;

/**
 * The Stacked-MNIST generator of Table 4 (PacGAN's / VEEGAN's DCGAN): a fully connected layer
 * to 2×2×512, then 5×5 transposed convolutions of stride 2 to 4×4×256, 7×7×128, 14×14×64,
 * each with batch normalisation and ReLU, and a last one to 28×28×channels with tanh. Layers
 * followed by batch norm have no bias (its shift replaces it).
 */
export function dcganGenerator(options: DcganGeneratorOptions = {}): DcganGenerator {
  const {
    inputDim = 100,
    channels = 3,
    width = 1,
    weightInit = DEFAULT_WEIGHT_INIT,
    seed = 0,
  } = options;
  assertPositiveInteger(inputDim, 'inputDim');
  assertPositiveInteger(channels, 'channels');
  assertWidth(width);
  assertWeightInit(weightInit);
  const rng = createRng(seed);
  const maps = BASE_CHANNELS.map((c) => scaledChannels(c, width));
  const first = maps[0]!;
  const dense = variableFrom(
    initKernel(inputDim, SIZES[0] * SIZES[0] * first, weightInit, rng),
    true,
  );
  const norms: BatchNorm[] = [batchNorm({ units: first })];
  // conv2dTranspose reads a kernel as [k, k, outChannels, inChannels].
  const kernels: tf.Variable[] = [];
  for (let i = 1; i < maps.length; i++) {
    kernels.push(variableFrom(convKernel(5, maps[i]!, maps[i - 1]!, weightInit, rng), true));
    norms.push(batchNorm({ units: maps[i]! }));
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
    inputDim,
    channels,
    width,
    trainableVariables,
    nonTrainableVariables,
    variables: [...trainableVariables, ...nonTrainableVariables],
    apply(z, applyOptions = {}) {
      assertArgument(
        z.rank === 2 && z.shape[1] === inputDim,
        'z',
        () => `must be [n, ${inputDim}], got [${z.shape}]`,
      );
      return tf.tidy(() => {
        const n = z.shape[0];
        let h = tf.reshape(tf.matMul(z, dense as tf.Tensor2D), [
          n,
          SIZES[0],
          SIZES[0],
          first,
        ]) as tf.Tensor4D;
        h = tf.relu(norms[0]!.apply(h, applyOptions));
        for (let i = 0; i < kernels.length; i++) {
          const size = SIZES[i + 1]!;
          h = tf.conv2dTranspose(
            h,
            kernels[i] as tf.Tensor4D,
            [n, size, size, maps[i + 1]!],
            2,
            'same',
          );
          h = tf.relu(norms[i + 1]!.apply(h, applyOptions));
        }
        const out = tf.conv2dTranspose(
          h,
          outKernel as tf.Tensor4D,
          [n, 28, 28, channels],
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
