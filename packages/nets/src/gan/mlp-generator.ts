import { assertArgument, assertPositiveInteger, createRng, leakyRelu } from '@mine/core';
import * as tf from '@tensorflow/tfjs-core';
import { type BatchNorm, batchNorm } from './batch-norm.js';
import {
  assertWeightInit,
  DEFAULT_WEIGHT_INIT,
  initKernel,
  variableFrom,
  type WeightInit,
} from './init.js';
import type { ApplyOptions, Network } from './network.js';

export interface MlpGeneratorOptions {
  /** Size of the prior sample z = [ε, c]. */
  inputDim: number;
  /** Data dimension (the linear output). */
  outputDim: number;
  /** Hidden layer sizes. @default [500, 500] (Sec. 8.1.2) */
  hidden?: readonly number[];
  /** Negative slope of the LeakyReLU. @default 0.2 */
  leak?: number;
  /** Running-average momentum of the batch norms. @default 0.9 */
  momentum?: number;
  /** @default 1e-5 */
  epsilon?: number;
  /** @default { normalStd: 0.02 } (see `DEFAULT_WEIGHT_INIT`) */
  weightInit?: WeightInit;
  /** Seed of the initialisation. @default 0 */
  seed?: number;
}

/** A generator G: R^inputDim → R^outputDim. */
export interface MlpGenerator extends Network {
  readonly inputDim: number;
  readonly outputDim: number;
  /** Batch-norm running averages (non-trainable), in `variables` after the trainable ones. */
  readonly nonTrainableVariables: readonly tf.Variable[];
  /** [n, inputDim] → [n, outputDim]. Evaluation mode (running averages) by default. */
  apply(z: tf.Tensor2D, options?: ApplyOptions): tf.Tensor2D;
}

/**
 * The generator of the spiral / 25-Gaussians experiments (Sec. 8.1.2, as in Dumoulin et al.,
 * 2016): fully connected layers of 500 units, each followed by batch normalisation and a
 * LeakyReLU, then a linear layer to the data dimension. The hidden layers have no bias (batch
 * norm's shift β replaces it).
 */
export function mlpGenerator(options: MlpGeneratorOptions): MlpGenerator {
  const {
    inputDim,
    outputDim,
    hidden = [500, 500],
    leak = 0.2,
    momentum,
    epsilon,
    weightInit = DEFAULT_WEIGHT_INIT,
    seed = 0,
  } = options;
  assertPositiveInteger(inputDim, 'inputDim');
  assertPositiveInteger(outputDim, 'outputDim');
  assertArgument(
    hidden.every((h) => Number.isInteger(h) && h > 0),
    'hidden',
    () => `must be positive integers, got [${hidden}]`,
  );
  assertArgument(leak >= 0 && leak < 1, 'leak', () => `must be in [0, 1), got ${leak}`);
  assertWeightInit(weightInit);
  const rng = createRng(seed);
  const kernels: tf.Variable[] = [];
  const norms: BatchNorm[] = [];
  let fanIn = inputDim;
  for (const units of hidden) {
    kernels.push(variableFrom(initKernel(fanIn, units, weightInit, rng), true));
    norms.push(batchNorm({ units, momentum, epsilon }));
    fanIn = units;
  }
  const outKernel = variableFrom(initKernel(fanIn, outputDim, weightInit, rng), true);
  const outBias = variableFrom(tf.zeros([outputDim]), true);

  const trainableVariables = [
    ...kernels.flatMap((k, i) => [k, ...norms[i]!.trainableVariables]),
    outKernel,
    outBias,
  ];
  const nonTrainableVariables = norms.flatMap((n) => [...n.statistics]);
  return {
    inputDim,
    outputDim,
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
        let h: tf.Tensor2D = z;
        for (let i = 0; i < kernels.length; i++) {
          h = tf.matMul(h, kernels[i]! as tf.Tensor2D);
          h = leakyRelu(norms[i]!.apply(h, applyOptions), leak);
        }
        return tf.fused.matMul({ a: h, b: outKernel, bias: outBias }) as tf.Tensor2D;
      });
    },
    dispose() {
      for (const k of kernels) k.dispose();
      for (const n of norms) n.dispose();
      outKernel.dispose();
      outBias.dispose();
    },
  };
}
