import {
  type ConvStatisticsNetwork,
  convStatisticsNetwork,
} from '../dcgan/conv-statistics-network.js';
import type { WeightInit } from '../gan/init.js';

export interface AliStatisticsNetworkOptions {
  /** Image height and width. @default 28 */
  size?: number;
  /** Image channels. @default 1 */
  channels?: number;
  /** Dimension of the code z it is conditioned on. @default 128 */
  codeDim?: number;
  /** Multiplier of every layer's width; 1 is Table 10 (64-128-256). @default 1 */
  width?: number;
  /** @default { normalStd: 0.02 } */
  weightInit?: WeightInit;
  /** @default 0 */
  seed?: number;
}

/**
 * The statistics network T(x, z) of ALI+MINE on MNIST (Table 10): 5×5 stride-2 convolutions to
 * 14×14×64, 7×7×128 and 4×4×256 with LeakyReLU and no batch norm, each conditioned on z by a
 * dynamic bias A_l z + c_l ("as in the Stacked-MNIST experiments", Sec. 8.1.4), then one linear
 * score: the Table 6 network (`convStatisticsNetwork`) with these widths, LeakyReLU (0.2) and no
 * hidden fully connected layer. A core `Critic` on flattened images.
 */
export function aliStatisticsNetwork(
  options: AliStatisticsNetworkOptions = {},
): ConvStatisticsNetwork {
  const { size = 28, channels = 1, codeDim = 128, width = 1, weightInit, seed = 0 } = options;
  return convStatisticsNetwork({
    size,
    channels,
    zDim: codeDim,
    convChannels: [64, 128, 256],
    dense: 0,
    activation: 'leakyRelu',
    width,
    ...(weightInit ? { weightInit } : {}),
    seed,
  });
}
