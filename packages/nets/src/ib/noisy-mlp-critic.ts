import {
  assertArgument,
  assertPositiveInteger,
  type Critic,
  createRng,
  glorotUniform,
  type ScoreOptions,
  stepSeed,
} from '@mine/core';
import * as tf from '@tensorflow/tfjs-core';

export interface NoisyMlpCriticOptions {
  xDim: number;
  zDim: number;
  /** Hidden layer sizes. @default [512, 512] (Table 15) */
  hidden?: readonly number[];
  /** Std of the Gaussian noise added to the input [x, z] in training mode. @default 0.3 (Table 15) */
  inputNoise?: number;
  /** Std of the Gaussian noise added after each hidden layer in training mode. @default 0.5 (Table 15) */
  hiddenNoise?: number;
  /** Seed of the Glorot-uniform initialisation and of the noise. @default 0 */
  seed?: number;
}

/** A statistics network whose noise stream can be re-seeded (for exact resumes). */
export interface NoisyMlpCritic extends Critic {
  /**
   * Restarts the noise stream: the k-th training-mode `score` after `reseed(s)` draws its noise
   * from (s, k). A trainer calls it once per iteration with that iteration's seed.
   */
  reseed(seed: number): void;
}

/**
 * The statistics network of the Information Bottleneck experiments (Table 15): the input
 * [x, z] plus N(0, 0.3²) noise, two dense layers of 512 ELUs each followed by N(0, 0.5²) noise,
 * then one linear score. The noise acts only in training mode (`score(x, z, { training: true })`),
 * as Keras' GaussianNoise layers do; read-outs are noise-free.
 */
export function noisyMlpCritic(options: NoisyMlpCriticOptions): NoisyMlpCritic {
  const {
    xDim,
    zDim,
    hidden = [512, 512],
    inputNoise = 0.3,
    hiddenNoise = 0.5,
    seed = 0,
  } = options;
  for (const [name, v] of [
    ['xDim', xDim],
    ['zDim', zDim],
  ] as const) {
    assertPositiveInteger(v, name);
  }
  assertArgument(
    hidden.length > 0 && hidden.every((h) => Number.isInteger(h) && h > 0),
    'hidden',
    () => `must be positive integers, got [${hidden}]`,
  );
  for (const [name, v] of [
    ['inputNoise', inputNoise],
    ['hiddenNoise', hiddenNoise],
  ] as const) {
    assertArgument(Number.isFinite(v) && v >= 0, name, () => `must be >= 0, got ${v}`);
  }
  const rng = createRng(seed);
  const sizes = [xDim + zDim, ...hidden, 1];
  const variables: tf.Variable[] = [];
  for (let i = 0; i < sizes.length - 1; i++) {
    const kernel = glorotUniform(sizes[i]!, sizes[i + 1]!, rng);
    const bias = tf.zeros([sizes[i + 1]!]);
    variables.push(tf.variable(kernel, true), tf.variable(bias, true));
    tf.dispose([kernel, bias]);
  }
  let noiseSeed = stepSeed(seed, 0);
  let draws = 0;
  const noisy = (h: tf.Tensor2D, std: number): tf.Tensor2D => {
    if (std === 0) return h;
    const noise = tf.randomNormal(h.shape, 0, std, 'float32', stepSeed(noiseSeed, draws++));
    return tf.add(h, noise);
  };
  const layers = sizes.length - 1;
  return {
    xDim,
    zDim,
    trainableVariables: variables,
    reseed(s) {
      noiseSeed = s >>> 0;
      draws = 0;
    },
    score(x: tf.Tensor2D, z: tf.Tensor2D, scoreOptions?: ScoreOptions) {
      const training = scoreOptions?.training === true;
      assertArgument(
        x.rank === 2 && x.shape[1] === xDim,
        'x',
        () => `must be [n, ${xDim}], got [${x.shape}]`,
      );
      assertArgument(
        z.rank === 2 && z.shape[1] === zDim,
        'z',
        () => `must be [n, ${zDim}], got [${z.shape}]`,
      );
      return tf.tidy(() => {
        let h = tf.concat([x, z], 1) as tf.Tensor2D;
        if (training) h = noisy(h, inputNoise);
        for (let l = 0; l < layers; l++) {
          const pre = tf.fused.matMul({
            a: h,
            b: variables[2 * l] as tf.Tensor2D,
            bias: variables[2 * l + 1],
          });
          if (l === layers - 1) return tf.reshape(pre, [-1]) as tf.Tensor1D;
          h = tf.elu(pre) as tf.Tensor2D;
          if (training) h = noisy(h, hiddenNoise);
        }
        throw new Error('unreachable');
      });
    },
    dispose: () => tf.dispose(variables),
  };
}
