import * as tf from '@tensorflow/tfjs-core';
import { assertArgument, assertPositiveInteger } from '../errors.js';
import { createRng, type Rng } from '../random.js';
import { leakyRelu } from './leaky-relu.js';

export type Activation = 'relu' | 'elu' | 'leakyRelu' | 'linear';

export interface MlpOptions {
  inputDim: number;
  /** Hidden layer sizes. */
  hidden: readonly number[];
  outputDim: number;
  /** @default 'relu' */
  activation?: Activation;
  /** How the kernels start (biases start at 0). @default 'glorotUniform' */
  weightInit?: WeightInit;
  /** Seed of the initialisation. @default 0 */
  seed?: number;
}

/** Kernel initialisation: Glorot-uniform, or entries drawn from N(0, normalStd²). */
export type WeightInit = { normalStd: number } | 'glorotUniform';

export function assertWeightInit(init: WeightInit, argument = 'weightInit'): void {
  assertArgument(
    init === 'glorotUniform' ||
      (typeof init === 'object' &&
        init !== null &&
        Number.isFinite(init.normalStd) &&
        init.normalStd > 0),
    argument,
    () =>
      `must be 'glorotUniform' or { normalStd } with normalStd > 0, got ${JSON.stringify(init)}`,
  );
}

/** A kernel [fanIn, fanOut] drawn from `rng` (deterministic on every backend). */
export function initKernel(fanIn: number, fanOut: number, init: WeightInit, rng: Rng): tf.Tensor2D {
  if (init === 'glorotUniform') return glorotUniform(fanIn, fanOut, rng);
  const values = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < values.length; i++) values[i] = init.normalStd * rng.normal();
  return tf.tensor2d(values, [fanIn, fanOut]);
}

/** A fully connected network on raw tfjs-core variables: fused matmul + bias + activation. */
export interface Mlp {
  apply(x: tf.Tensor2D): tf.Tensor2D;
  /**
   * A forward pass outside the autodiff tape that keeps what backpropagation needs, for relu
   * and linear networks (undefined for other activations). See `MlpTrace`.
   */
  trace?(x: tf.Tensor2D): MlpTrace;
  readonly variables: readonly tf.Variable[];
  dispose(): void;
}

/**
 * A recorded forward pass. `backward(dOutput)` returns dLoss/dVariable for every variable, in
 * the order of `Mlp.variables`, by hand-written backpropagation: one fused kernel per layer
 * forward and five per layer backward, where tfjs's tape runs the layer unfused (gradients of a
 * fused relu matmul are not fused) and clones every saved tensor. The caller disposes the
 * gradients and, once done, the trace (`x` stays the caller's).
 */
export interface MlpTrace {
  readonly output: tf.Tensor2D;
  backward(dOutput: tf.Tensor2D): tf.Tensor[];
  dispose(): void;
}

const ACTIVATIONS = ['relu', 'elu', 'leakyRelu', 'linear'] as const;

/** Glorot-uniform kernel [fanIn, fanOut] drawn from `rng` (deterministic on every backend). */
export function glorotUniform(fanIn: number, fanOut: number, rng: Rng): tf.Tensor2D {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const values = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < values.length; i++) values[i] = (2 * rng.next() - 1) * limit;
  return tf.tensor2d(values, [fanIn, fanOut]);
}

function applyLayer(
  h: tf.Tensor2D,
  w: tf.Variable,
  b: tf.Variable,
  activation: Activation,
): tf.Tensor2D {
  // tfjs differentiates fused matmul only for linear and relu; other activations run unfused.
  if (activation === 'relu' || activation === 'linear') {
    return tf.fused.matMul({ a: h, b: w as tf.Tensor2D, bias: b, activation }) as tf.Tensor2D;
  }
  if (activation === 'leakyRelu') return leakyRelu(tf.matMul(h, w as tf.Tensor2D), 0.2, b);
  return tf.elu(tf.fused.matMul({ a: h, b: w as tf.Tensor2D, bias: b })) as tf.Tensor2D;
}

export function mlp(options: MlpOptions): Mlp {
  const {
    inputDim,
    hidden,
    outputDim,
    activation = 'relu',
    weightInit = 'glorotUniform',
    seed = 0,
  } = options;
  assertPositiveInteger(inputDim, 'inputDim');
  assertPositiveInteger(outputDim, 'outputDim');
  assertArgument(
    hidden.every((h) => Number.isInteger(h) && h > 0),
    'hidden',
    () => `must be positive integers, got [${hidden}]`,
  );
  assertArgument(
    (ACTIVATIONS as readonly string[]).includes(activation),
    'activation',
    () => `unknown activation "${activation}". Should be one of: ${ACTIVATIONS.join(', ')}`,
  );
  assertWeightInit(weightInit);
  const rng = createRng(seed);
  const sizes = [inputDim, ...hidden, outputDim];
  const weights: tf.Variable[] = [];
  const biases: tf.Variable[] = [];
  for (let i = 0; i < sizes.length - 1; i++) {
    const init = initKernel(sizes[i]!, sizes[i + 1]!, weightInit, rng);
    const zeros = tf.zeros([sizes[i + 1]!]);
    weights.push(tf.variable(init, true));
    biases.push(tf.variable(zeros, true));
    init.dispose();
    zeros.dispose();
  }
  const last = weights.length - 1;
  const trace = (x: tf.Tensor2D): MlpTrace => {
    // outputs[i] is layer i's output; the input of layer i is outputs[i - 1] (x for i = 0).
    const outputs: tf.Tensor2D[] = [];
    tf.tidy(() => {
      let h = x;
      for (let i = 0; i <= last; i++) {
        h = applyLayer(h, weights[i]!, biases[i]!, i === last ? 'linear' : activation);
        outputs.push(tf.keep(h));
      }
    });
    const inputOf = (i: number) => (i === 0 ? x : outputs[i - 1]!);
    return {
      output: outputs[last]!,
      backward(dOutput) {
        return tf.tidy(() => {
          const grads: tf.Tensor[] = new Array(2 * (last + 1));
          let dy: tf.Tensor2D = dOutput;
          for (let i = last; i >= 0; i--) {
            // relu'(pre) is 1 exactly where the output is positive.
            const dPre =
              i === last || activation === 'linear'
                ? dy
                : (tf.mul(dy, tf.step(outputs[i]!)) as tf.Tensor2D);
            grads[2 * i] = tf.matMul(inputOf(i), dPre, true, false);
            grads[2 * i + 1] = tf.sum(dPre, 0);
            if (i > 0) dy = tf.matMul(dPre, weights[i]!, false, true);
          }
          return grads;
        });
      },
      dispose() {
        tf.dispose(outputs);
      },
    };
  };
  return {
    apply(x) {
      return tf.tidy(() => {
        let h = x;
        for (let i = 0; i <= last; i++) {
          h = applyLayer(h, weights[i]!, biases[i]!, i === last ? 'linear' : activation);
        }
        return h;
      });
    },
    trace: activation === 'relu' || activation === 'linear' ? trace : undefined,
    variables: weights.flatMap((w, i) => [w, biases[i]!]),
    dispose() {
      for (const v of [...weights, ...biases]) v.dispose();
    },
  };
}
