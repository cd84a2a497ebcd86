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
import { tiledNoiseConv } from './tiled-noise-conv.js';

export interface AliEncoderOptions {
  /** Image height and width. @default 28 */
  size?: number;
  /** Image channels. @default 1 */
  channels?: number;
  /** Dimension of the noise ε ~ N(0, I), tiled over the image as channels. @default 128 (Table 7) */
  noiseDim?: number;
  /** Dimension of the code z. @default 128 (Table 7) */
  codeDim?: number;
  /** Multiplier of every hidden layer's channels; 1 is Table 7 (64-128-256-256). @default 1 */
  width?: number;
  /** Every kernel but the code layer's. @default { normalStd: 0.02 } */
  weightInit?: WeightInit;
  /**
   * The code layer's kernel. The default, N(0, 2 / fan-in) (He et al., 2015), starts the codes at
   * the prior's scale: the layer reads ReLU features of batch-normalised units (mean square ~1/2),
   * so each code starts with variance ~1. Under DCGAN's N(0, 0.02²), meant for layers that batch
   * norm follows, codes start with variance ~0.02 at width 1/4, and the joint discriminator tells
   * (x, E(x)) from (G(z), z ~ N(0, I)) by the codes' scale alone within a few dozen iterations.
   * @default { normalStd: √(2 / fan-in) }
   */
  codeInit?: WeightInit;
  /** @default 0 */
  seed?: number;
}

/** The encoder E(x, ε) of a bidirectional model: images [n, s, s, c] and noise [n, noiseDim] → z [n, codeDim]. */
export interface AliEncoder extends Network {
  readonly size: number;
  readonly channels: number;
  readonly noiseDim: number;
  readonly codeDim: number;
  readonly nonTrainableVariables: readonly tf.Variable[];
  /** Evaluation mode (batch-norm running averages) by default. */
  apply(x: tf.Tensor4D, noise: tf.Tensor2D, options?: ApplyOptions): tf.Tensor2D;
}

const BASE_CHANNELS = [64, 128, 256, 256] as const;

/**
 * The MNIST encoder of Table 7: the input [x, ε] stacks the noise ε ~ N_128(0, I) onto the image
 * as 128 constant channels (28×28×129; computed without tiling, see `tiledNoiseConv`), then 5×5 stride-2 convolutions to 14×14×64, 7×7×128 and
 * 4×4×256, a 4×4 'valid' convolution to 1×1×256, all ReLU, and a linear fully connected layer to
 * the code (128). The table lists no normalisation; the setup "similar to DCGAN" (Sec. 8.1.4)
 * puts batch norm after every convolution but the first, as in DCGAN; layers followed by batch
 * norm have no bias.
 */
export function aliEncoder(options: AliEncoderOptions = {}): AliEncoder {
  const {
    size = 28,
    channels = 1,
    noiseDim = 128,
    codeDim = 128,
    width = 1,
    weightInit = DEFAULT_WEIGHT_INIT,
    codeInit,
    seed = 0,
  } = options;
  const [coarse] = aliSizes(size);
  assertPositiveInteger(channels, 'channels');
  assertArgument(
    Number.isInteger(noiseDim) && noiseDim >= 0,
    'noiseDim',
    () => `must be a non-negative integer, got ${noiseDim}`,
  );
  assertPositiveInteger(codeDim, 'codeDim');
  assertWidth(width);
  assertWeightInit(weightInit);
  if (codeInit !== undefined) assertWeightInit(codeInit, 'codeInit');
  const rng = createRng(seed);
  const maps = BASE_CHANNELS.map((c) => scaledChannels(c, width));
  const kernels: tf.Variable[] = [];
  // The first convolution's kernel is split: image channels, then the noise channels, which
  // `tiledNoiseConv` applies without tiling ε.
  const noiseKernel =
    noiseDim > 0 ? variableFrom(convKernel(5, noiseDim, maps[0]!, weightInit, rng), true) : null;
  const noiseConv = tiledNoiseConv(size, 5, 2);
  let inChannels = channels;
  for (let i = 0; i < 3; i++) {
    kernels.push(variableFrom(convKernel(5, inChannels, maps[i]!, weightInit, rng), true));
    inChannels = maps[i]!;
  }
  kernels.push(variableFrom(convKernel(coarse, inChannels, maps[3]!, weightInit, rng), true));
  const firstBias = variableFrom(tf.zeros([maps[0]!]), true);
  const norms: BatchNorm[] = maps.slice(1).map((units) => batchNorm({ units }));
  const outKernel = variableFrom(
    initKernel(maps[3]!, codeDim, codeInit ?? { normalStd: Math.sqrt(2 / maps[3]!) }, rng),
    true,
  );
  const outBias = variableFrom(tf.zeros([codeDim]), true);
  const trainableVariables = [
    kernels[0]!,
    ...(noiseKernel ? [noiseKernel] : []),
    firstBias,
    ...kernels.slice(1).flatMap((k, i) => [k, ...norms[i]!.trainableVariables]),
    outKernel,
    outBias,
  ];
  const nonTrainableVariables = norms.flatMap((n) => [...n.statistics]);
  return {
    size,
    channels,
    noiseDim,
    codeDim,
    trainableVariables,
    nonTrainableVariables,
    variables: [...trainableVariables, ...nonTrainableVariables],
    apply(x, noise, applyOptions = {}) {
      assertArgument(
        x.rank === 4 && x.shape[1] === size && x.shape[2] === size && x.shape[3] === channels,
        'x',
        () => `must be [n, ${size}, ${size}, ${channels}], got [${x.shape}]`,
      );
      assertArgument(
        noise.rank === 2 && noise.shape[0] === x.shape[0] && noise.shape[1] === noiseDim,
        'noise',
        () => `must be [${x.shape[0]}, ${noiseDim}], got [${noise.shape}]`,
      );
      return tf.tidy(() => {
        const n = x.shape[0];
        let first: tf.Tensor4D = tf.conv2d(x, kernels[0] as tf.Tensor4D, 2, 'same');
        if (noiseKernel) first = tf.add(first, noiseConv(noise, noiseKernel as tf.Tensor4D));
        let h = tf.relu(tf.add(first, firstBias)) as tf.Tensor4D;
        for (let i = 1; i < 3; i++) {
          h = tf.relu(
            norms[i - 1]!.apply(tf.conv2d(h, kernels[i] as tf.Tensor4D, 2, 'same'), applyOptions),
          );
        }
        h = tf.relu(
          norms[2]!.apply(tf.conv2d(h, kernels[3] as tf.Tensor4D, 1, 'valid'), applyOptions),
        );
        return tf.add(
          tf.matMul(tf.reshape(h, [n, maps[3]!]) as tf.Tensor2D, outKernel as tf.Tensor2D),
          outBias,
        ) as tf.Tensor2D;
      });
    },
    dispose() {
      for (const v of [...kernels, firstBias, outKernel, outBias]) v.dispose();
      noiseKernel?.dispose();
      for (const n of norms) n.dispose();
    },
  };
}
