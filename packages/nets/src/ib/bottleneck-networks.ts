import { assertArgument, assertPositiveInteger, mlp } from '@mine/core';
import * as tf from '@tensorflow/tfjs-core';
import type { Network } from '../gan/network.js';

/** A fully connected network of the Information Bottleneck experiments (Alemi et al., 2016). */
export interface DenseNetwork extends Network {
  readonly inputDim: number;
  readonly outputDim: number;
  /** [n, inputDim] → [n, outputDim] (linear last layer). */
  apply(x: tf.Tensor2D): tf.Tensor2D;
}

export interface BottleneckEncoderOptions {
  /** @default 784 (a flattened MNIST digit) */
  inputDim?: number;
  /** @default [1024, 1024] */
  hidden?: readonly number[];
  /** Dimension K of the bottleneck z. @default 256 */
  bottleneck?: number;
  /** true: outputs 2K values, the mean and the pre-softplus scale of a Gaussian. @default false */
  gaussian?: boolean;
  /** Seed of the Glorot-uniform initialisation. @default 0 */
  seed?: number;
}

/**
 * The encoder of Alemi et al.'s `vib_demo` (the setup Table 3 follows): inputDim → 1024 ReLU →
 * 1024 ReLU → K (deterministic) or 2K (Gaussian: mean and scale, see `gaussianParameters`).
 */
export function bottleneckEncoder(options: BottleneckEncoderOptions = {}): DenseNetwork {
  const {
    inputDim = 784,
    hidden = [1024, 1024],
    bottleneck = 256,
    gaussian = false,
    seed = 0,
  } = options;
  assertPositiveInteger(bottleneck, 'bottleneck');
  return dense(inputDim, hidden, gaussian ? 2 * bottleneck : bottleneck, seed);
}

/** The linear decoder K → classes (logits) of the Information Bottleneck experiments. */
export function bottleneckDecoder(
  options: { bottleneck?: number; classes?: number; seed?: number } = {},
): DenseNetwork {
  const { bottleneck = 256, classes = 10, seed = 0 } = options;
  return dense(bottleneck, [], classes, seed);
}

/** The deterministic baseline of Table 3: inputDim → 1024 ReLU → 1024 ReLU → classes (logits). */
export function baselineClassifier(
  options: { inputDim?: number; hidden?: readonly number[]; classes?: number; seed?: number } = {},
): DenseNetwork {
  const { inputDim = 784, hidden = [1024, 1024], classes = 10, seed = 0 } = options;
  return dense(inputDim, hidden, classes, seed);
}

/**
 * Splits a Gaussian encoder's [n, 2K] output into the mean μ (first K columns) and the standard
 * deviation σ = softplus(ρ − 5) (last K), Alemi et al.'s parametrisation: σ starts near e^−5, so
 * the encoder begins almost deterministic.
 */
export function gaussianParameters(output: tf.Tensor2D): { mean: tf.Tensor2D; std: tf.Tensor2D } {
  const k = output.shape[1] / 2;
  assertArgument(
    Number.isInteger(k),
    'output',
    () => `must have an even number of columns, got ${output.shape[1]}`,
  );
  return tf.tidy(() => {
    const [mean, rho] = tf.split(output, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    return { mean, std: tf.softplus(tf.sub(rho, 5)) as tf.Tensor2D };
  });
}

function dense(
  inputDim: number,
  hidden: readonly number[],
  outputDim: number,
  seed: number,
): DenseNetwork {
  const net = mlp({ inputDim, hidden, outputDim, activation: 'relu', seed });
  return {
    inputDim,
    outputDim,
    trainableVariables: net.variables,
    variables: net.variables,
    apply(x) {
      assertArgument(
        x.rank === 2 && x.shape[1] === inputDim,
        'x',
        () => `must be [n, ${inputDim}], got [${x.shape}]`,
      );
      return net.apply(x);
    },
    dispose: () => net.dispose(),
  };
}
