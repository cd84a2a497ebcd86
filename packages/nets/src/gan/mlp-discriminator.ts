import { type Activation, assertArgument, type Critic, concatCritic, mlp } from '@mine/core';
import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_WEIGHT_INIT, type WeightInit } from './init.js';
import type { Network } from './network.js';

export interface MlpDiscriminatorOptions {
  /** Data dimension. */
  inputDim: number;
  /** Hidden layer sizes. @default [400, 400, 400] (Sec. 8.1.2) */
  hidden?: readonly number[];
  /** @default 'leakyRelu' (slope 0.2, as in Dumoulin et al., 2016) */
  activation?: Exclude<Activation, 'linear'>;
  /** @default { normalStd: 0.02 } (see `DEFAULT_WEIGHT_INIT`) */
  weightInit?: WeightInit;
  /** Seed of the initialisation. @default 0 */
  seed?: number;
}

/** A discriminator D: R^inputDim → R returning logits (D(x) = sigmoid(logit)). */
export interface MlpDiscriminator extends Network {
  readonly inputDim: number;
  /** [n, inputDim] → logits [n]. */
  apply(x: tf.Tensor2D): tf.Tensor1D;
}

/**
 * The discriminator of the spiral / 25-Gaussians experiments (Sec. 8.1.2): three fully
 * connected layers of 400 units with LeakyReLU(0.2), then one linear logit. No batch norm.
 */
export function mlpDiscriminator(options: MlpDiscriminatorOptions): MlpDiscriminator {
  const {
    inputDim,
    hidden = [400, 400, 400],
    activation = 'leakyRelu',
    weightInit = DEFAULT_WEIGHT_INIT,
    seed = 0,
  } = options;
  const net = mlp({ inputDim, hidden, outputDim: 1, activation, weightInit, seed });
  return {
    inputDim,
    trainableVariables: net.variables,
    variables: net.variables,
    apply(x) {
      assertArgument(
        x.rank === 2 && x.shape[1] === inputDim,
        'x',
        () => `must be [n, ${inputDim}], got [${x.shape}]`,
      );
      return tf.tidy(() => tf.reshape(net.apply(x), [-1]) as tf.Tensor1D);
    },
    dispose: () => net.dispose(),
  };
}

export interface MlpStatisticsNetworkOptions {
  /** Dimension of the samples x. */
  xDim: number;
  /** Dimension of the code c. */
  codeDim: number;
  /** Hidden layer sizes. @default [400, 400, 400] (Sec. 8.1.2) */
  hidden?: readonly number[];
  /**
   * @default 'relu' (the paper does not say; ReLU is core's critic default and runs as one
   * fused kernel per layer)
   */
  activation?: Exclude<Activation, 'linear'>;
  /** Seed of the Glorot-uniform initialisation. @default 0 */
  seed?: number;
}

/**
 * The statistics network T(x, c) of the spiral / 25-Gaussians experiments (Sec. 8.1.2): three
 * fully connected layers of 400 units on the concatenation [x, c], then one linear score.
 * It is a core `Critic` (xDim = data dimension, zDim = code dimension).
 */
export function mlpStatisticsNetwork(options: MlpStatisticsNetworkOptions): Critic {
  const { xDim, codeDim, hidden = [400, 400, 400], activation = 'relu', seed = 0 } = options;
  return concatCritic({ xDim, zDim: codeDim, hidden, activation, seed });
}
