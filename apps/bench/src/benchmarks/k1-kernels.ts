// K1: the wasm kernel fixes of @mine/core (DESIGN.md §2), measured. Transposed BatchMatMul before
// (tfjs-backend-wasm's own kernel, called directly) and after (tf.matMul through our fix), and a
// conv-critic training step, which cannot run at all on unfixed wasm (no Conv2DBackpropFilter).
import * as tf from '@tensorflow/tfjs-core';
import { median, round, timeCalls } from '../timing.js';
import type { BenchOptions } from '../types.js';

export const id = 'K1';
export const title = 'Kernels: transposed BatchMatMul and a conv-critic training step';

interface K1Config {
  /** [m, k, n]: a[m, k] x b[k, n], and the transposed forms of equal cost. */
  matMulSizes: [number, number, number][];
  matMulRepeats: number;
  /** Pairs (x, z) per step; the critic scores joint and shuffled pairs, 2x this many inputs. */
  convBatch: number;
  convImage: [number, number, number];
  zDim: number;
  convWarmupSteps: number;
  convSteps: number;
  learningRate: number;
}

const FULL: K1Config = {
  matMulSizes: [
    [256, 256, 256],
    [1024, 400, 400],
  ],
  matMulRepeats: 15,
  convBatch: 64,
  convImage: [28, 28, 3],
  zDim: 16,
  convWarmupSteps: 3,
  convSteps: 20,
  learningRate: 1e-4,
};

const QUICK: K1Config = {
  ...FULL,
  matMulSizes: [
    [32, 32, 32],
    [64, 48, 48],
  ],
  matMulRepeats: 3,
  convBatch: 2,
  convImage: [12, 12, 3],
  convWarmupSteps: 1,
  convSteps: 2,
};

/** Transposed/plain time ratio we aim for. */
const TARGET_RATIO = 1.5;

/**
 * The four transpose combinations, plus plain with a new b every call. XNNPACK packs b (the
 * "weights") once per tensor and caches it, so `plain` reuses its packing while a transposed
 * operand is a new tensor, packed every call. In training every b is new each step (Adam replaces
 * the weights, gradients multiply by fresh tensors), which `plainFreshB` shows.
 */
const FORMS = [
  { form: 'plain', transposeA: false, transposeB: false, freshB: false },
  { form: 'transposeA', transposeA: true, transposeB: false, freshB: false },
  { form: 'transposeB', transposeA: false, transposeB: true, freshB: false },
  { form: 'both', transposeA: true, transposeB: true, freshB: false },
  { form: 'plainFreshB', transposeA: false, transposeB: false, freshB: true },
] as const;

const WARMUP = 2;

export async function run(options: BenchOptions): Promise<Record<string, unknown>> {
  const config = options.quick ? QUICK : FULL;
  const matMul = measureMatMul(config, options);
  const convKernels = measureConvKernels(config, options);
  const convCritic = measureConvCritic(config, options);
  return { config: { ...config, targetRatio: TARGET_RATIO }, matMul, convKernels, convCritic };
}

type RawMatMul = (
  a: tf.Tensor3D,
  b: tf.Tensor3D,
  transposeA: boolean,
  transposeB: boolean,
  out: tf.Tensor3D,
) => void;

interface WasmInternals {
  wasm: { cwrap(name: string, ret: null, args: string[]): (...args: unknown[]) => void };
  dataIdMap: { get(dataId: object): { id: number } };
}

/**
 * tfjs-backend-wasm's own BatchMatMul (4.22.0's C entry point, as its kernel calls it), bypassing
 * the kernel registry where our fix sits: the "before" column. Undefined off wasm.
 */
function rawWasmBatchMatMul(): RawMatMul | undefined {
  if (tf.getBackend() !== 'wasm') return undefined;
  const backend = tf.backend() as unknown as WasmInternals;
  const call = backend.wasm.cwrap('BatchMatMul', null, [
    'number', // a id
    'array', // a shape (int32 bytes)
    'number', // a rank
    'number', // b id
    'array', // b shape
    'number', // b rank
    'number', // transposeA
    'number', // transposeB
    'number', // out id
  ]);
  const dataId = (t: tf.Tensor) => backend.dataIdMap.get(t.dataId).id;
  const shape = (t: tf.Tensor) => new Uint8Array(new Int32Array(t.shape).buffer);
  return (a, b, transposeA, transposeB, out) =>
    call(dataId(a), shape(a), 3, dataId(b), shape(b), 3, transposeA, transposeB, dataId(out));
}

function measureMatMul(config: K1Config, { log, seed }: BenchOptions) {
  const raw = rawWasmBatchMatMul();
  const rows: Record<string, unknown>[] = [];
  for (const [m, k, n] of config.matMulSizes) {
    const size = `${m}x${k}x${n}`;
    log(`[K1] matMul ${size}`);
    let plain = { before: Number.NaN, after: Number.NaN, afterMin: Number.NaN };
    for (const { form, transposeA, transposeB, freshB } of FORMS) {
      const calls = WARMUP + config.matMulRepeats;
      const bShape: [number, number, number] = transposeB ? [1, n, k] : [1, k, n];
      const newBs = (offset: number) =>
        tf.tidy(() =>
          Array.from({ length: freshB ? calls : 1 }, (_, i) =>
            tf.randomNormal<tf.Rank.R3>(bShape, 0, 1, 'float32', seed + offset + i),
          ),
        );
      const [a, out] = tf.tidy(() => [
        tf.randomNormal<tf.Rank.R3>(transposeA ? [1, k, m] : [1, m, k], 0, 1, 'float32', seed),
        tf.zeros<tf.Rank.R3>([1, m, n]),
      ]);
      let bs = newBs(1);
      let call = 0;
      const nextB = () => bs[call++ % bs.length]!;
      const after = timeCalls(
        () => {
          const y = tf.matMul(a, nextB(), transposeA, transposeB);
          y.dataSync();
          y.dispose();
        },
        config.matMulRepeats,
        WARMUP,
      );
      // New tensors again for the raw kernel: the first round cached a packing for each b.
      if (freshB) {
        tf.dispose(bs);
        bs = newBs(1 + calls);
      }
      const before = raw
        ? timeCalls(
            () => raw(a, nextB(), transposeA, transposeB, out),
            config.matMulRepeats,
            WARMUP,
          )
        : [Number.NaN];
      tf.dispose([a, out, ...bs]);
      const stats = { before: median(before), after: median(after), afterMin: Math.min(...after) };
      if (form === 'plain') plain = stats;
      rows.push({
        size,
        form,
        beforeMs: round(stats.before),
        afterMs: round(stats.after),
        afterMinMs: round(stats.afterMin),
        ratioBefore: round(stats.before / plain.before, 2),
        ratioAfter: round(stats.after / plain.after, 2),
        ratioAfterMin: round(stats.afterMin / plain.afterMin, 2),
        speedup: round(stats.before / stats.after, 1),
        meetsTarget: stats.after / plain.after <= TARGET_RATIO,
      });
    }
  }
  return rows;
}

/** The conv kernels of the critic's second layer (the costly one), forward and both backprops. */
function measureConvKernels(config: K1Config, { log, seed }: BenchOptions) {
  const n = 2 * config.convBatch;
  const [height, width] = config.convImage;
  const h = Math.ceil(height / 2);
  const w = Math.ceil(width / 2);
  const [x, filter, dy] = tf.tidy(() => [
    tf.randomNormal<tf.Rank.R4>([n, h, w, 64], 0, 1, 'float32', seed),
    tf.randomNormal<tf.Rank.R4>([5, 5, 64, 128], 0, 0.05, 'float32', seed + 1),
    tf.randomNormal<tf.Rank.R4>(
      [n, Math.ceil(h / 2), Math.ceil(w / 2), 128],
      0,
      1,
      'float32',
      seed + 2,
    ),
  ]);
  const shape = `x[${x.shape}] * w[${filter.shape}], stride 2, same`;
  log(`[K1] conv kernels ${shape}`);
  const timed = (kernel: string, f: () => tf.Tensor) => {
    const run = () => {
      const y = f();
      y.dataSync();
      y.dispose();
    };
    const times = timeCalls(run, Math.max(3, config.matMulRepeats >> 1));
    return { kernel, shape, ms: round(median(times)), minMs: round(Math.min(...times)) };
  };
  const rows = [
    timed('Conv2D', () => tf.conv2d(x, filter, 2, 'same')),
    timed('Conv2DBackpropInput', () => tf.conv2dTranspose(dy, filter, x.shape, 2, 'same')),
    timed(
      'Conv2DBackpropFilter',
      () =>
        tf
          .engine()
          .runKernel(
            'Conv2DBackpropFilter',
            { x, dy },
            { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: filter.shape },
          ) as tf.Tensor,
    ),
  ];
  tf.dispose([x, filter, dy]);
  return rows;
}

/**
 * A conv critic T(x, z) conditioned on z by per-layer "dynamic bias" (z projected and added to
 * each conv layer's pre-activation): conv 5x5/2 64, leakyRelu, conv 5x5/2 128, leakyRelu, dense 1.
 */
function createConvCritic(config: K1Config, seed: number) {
  const [height, width, channels] = config.convImage;
  const flat = Math.ceil(height / 4) * Math.ceil(width / 4) * 128;
  let s = seed;
  const init = (shape: number[], fanIn: number) =>
    tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', s++));
  const zeros = (shape: number[]) => tf.variable(tf.zeros(shape));
  const w1 = init([5, 5, channels, 64], 25 * channels);
  const b1 = zeros([64]);
  const u1 = init([config.zDim, 64], config.zDim);
  const w2 = init([5, 5, 64, 128], 25 * 64);
  const b2 = zeros([128]);
  const u2 = init([config.zDim, 128], config.zDim);
  const w3 = init([flat, 1], flat);
  const b3 = zeros([1]);
  const conditioned = (h: tf.Tensor4D, z: tf.Tensor2D, u: tf.Tensor, b: tf.Tensor): tf.Tensor4D =>
    tf.leakyRelu(
      tf.add(tf.add(h, b), tf.reshape(tf.matMul(z, u), [z.shape[0], 1, 1, -1])) as tf.Tensor4D,
      0.2,
    );
  return {
    variables: [w1, b1, u1, w2, b2, u2, w3, b3],
    score(x: tf.Tensor4D, z: tf.Tensor2D): tf.Tensor1D {
      const h1 = conditioned(tf.conv2d(x, w1 as tf.Tensor4D, 2, 'same'), z, u1, b1);
      const h2 = conditioned(tf.conv2d(h1, w2 as tf.Tensor4D, 2, 'same'), z, u2, b2);
      const out = tf.add(tf.matMul(tf.reshape(h2, [x.shape[0], flat]), w3), b3);
      return tf.reshape(out, [x.shape[0]]);
    },
  };
}

function measureConvCritic(config: K1Config, { log, seed }: BenchOptions) {
  const n = config.convBatch;
  log(`[K1] conv critic step, batch ${n}`);
  const critic = createConvCritic(config, seed);
  const optimizer = tf.train.adam(config.learningRate);
  // Joint pairs (x_i, z_i) and marginal pairs (x_i, z_σ(i)), shuffled in data, not in the graph.
  const [x, z] = tf.tidy(() => {
    const images = tf.randomNormal<tf.Rank.R4>(
      [n, ...config.convImage],
      0,
      1,
      'float32',
      seed + 100,
    );
    const codes = tf.randomNormal<tf.Rank.R2>([n, config.zDim], 0, 1, 'float32', seed + 101);
    const shuffled = tf.reverse(codes, 0);
    return [tf.concat([images, images]), tf.concat([codes, shuffled])];
  });
  // Donsker-Varadhan bound; its negative is the loss.
  const step = () => {
    const loss = optimizer.minimize(
      () => {
        const scores = critic.score(x as tf.Tensor4D, z as tf.Tensor2D);
        const joint = tf.slice(scores, 0, n);
        const marginal = tf.slice(scores, n, n);
        const logMeanExp = tf.sub(tf.logSumExp(marginal), Math.log(n));
        return tf.neg(tf.sub(tf.mean(joint), logMeanExp)) as tf.Scalar;
      },
      true,
      critic.variables,
    )!;
    loss.dataSync();
    loss.dispose();
  };
  for (let i = 0; i < config.convWarmupSteps; i++) step();
  const tensorsBefore = tf.memory().numTensors;
  const times = timeCalls(step, config.convSteps, 0);
  const tensorsLeakedPerStep = (tf.memory().numTensors - tensorsBefore) / config.convSteps;
  tf.dispose([x, z, ...critic.variables]);
  optimizer.dispose();
  const ms = median(times);
  return {
    batch: n,
    criticInputsPerStep: 2 * n,
    steps: config.convSteps,
    msPerStep: round(ms, 1),
    stepsPerSecond: round(1000 / ms, 2),
    minMsPerStep: round(Math.min(...times), 1),
    tensorsLeakedPerStep,
  };
}
