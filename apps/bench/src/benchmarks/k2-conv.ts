import { ALI_DEFAULTS, AliTrainer } from '@mine/ali';
import { createRng, FusedAdam } from '@mine/core';
import type { ImageSet } from '@mine/datasets';
import { discriminatorLoss, generatorLoss } from '@mine/gan';
import { dcganDiscriminator, dcganGenerator } from '@mine/nets';
import * as tf from '@tensorflow/tfjs-core';
import {
  type PytorchResult,
  type PytorchSkipped,
  pytorchReference,
  ratio,
  slowBlasWarning,
} from '../pytorch.js';
import { median, round } from '../timing.js';
import type { BenchOptions } from '../types.js';

export const id = 'K2';
export const title =
  'Conv GAN training: one iteration (D step + G step, Adam) of the Stacked-MNIST DCGAN (Tables 4-5, batch 64) and of ALI on MNIST (Tables 7-9, batch 100)';

const BATCH = 64;

/** Random MNIST-shaped images the ALI iteration draws its batches from. */
const ALI_IMAGES = 1000;

/** A network's trainable parameters (the PyTorch reference prints its own to compare). */
function parameterCount(network: { trainableVariables: readonly tf.Variable[] }): number {
  return network.trainableVariables.reduce((sum, v) => sum + v.size, 0);
}

/** One benchmarked training iteration: `iteration()` returns a loss the caller disposes. */
export interface BenchIteration {
  iteration: () => tf.Scalar;
  /** Trainable parameters of each network, named as the PyTorch reference names them. */
  parameters: Record<string, number>;
  dispose: () => void;
}

/** One network pair and its optimizers; `iteration()` is one D step then one G step. */
export function ganIteration(width: number, seed: number): BenchIteration {
  const seeds = createRng(seed);
  const g = dcganGenerator({ width, seed: seeds.seed() });
  const d = dcganDiscriminator({ width, seed: seeds.seed() });
  // PacGAN's / VEEGAN's settings: Adam 2e-4, β1 0.5; core's FusedAdam, as GanTrainer's.
  const og = new FusedAdam({ learningRate: 2e-4, beta1: 0.5 });
  const od = new FusedAdam({ learningRate: 2e-4, beta1: 0.5 });
  const rng = createRng(seeds.seed());
  const real = tf.tidy(() =>
    tf.sub(tf.mul(tf.randomUniform([BATCH, 28, 28, 3], 0, 1, 'float32', rng.seed()), 2), 1),
  ) as tf.Tensor4D;
  const zValues = new Float32Array(BATCH * 100);
  const iteration = () =>
    tf.tidy(() => {
      for (let i = 0; i < zValues.length; i++) zValues[i] = 2 * rng.next() - 1;
      const z = tf.tensor2d(zValues, [BATCH, 100]);
      const fake = g.apply(z, { training: true });
      const dStep = tf.variableGrads(
        () =>
          discriminatorLoss(
            tf.reshape(d.apply(real, { training: true }), [-1]) as tf.Tensor1D,
            tf.reshape(d.apply(fake, { training: true }), [-1]) as tf.Tensor1D,
          ),
        d.trainableVariables as tf.Variable[],
      );
      od.applyGradients(dStep.grads);
      const gStep = tf.variableGrads(
        () =>
          generatorLoss(
            tf.reshape(
              d.apply(g.apply(z, { training: true, updateStatistics: false }), {
                training: true,
                updateStatistics: false,
              }),
              [-1],
            ) as tf.Tensor1D,
          ),
        g.trainableVariables as tf.Variable[],
      );
      og.applyGradients(gStep.grads);
      return gStep.value;
    });
  const dispose = () => {
    tf.dispose([real]);
    g.dispose();
    d.dispose();
    og.dispose();
    od.dispose();
  };
  return {
    iteration,
    parameters: { generator: parameterCount(g), discriminator: parameterCount(d) },
    dispose,
  };
}

/**
 * One iteration of plain ALI, `AliTrainer.trainStep` itself (its defaults: batch 100, codes and
 * noise of 128, Adam 1e-4 with β1 0.5, core's FusedAdam) on 28×28×1 images of random pixels:
 * a batch drawn from them, encoder and decoder forward, one discriminator step on (x, E(x))
 * against (G(z), z), then one encoder and decoder step. `iteration()` returns the encoder's and
 * decoder's adversarial loss.
 */
export function aliIteration(width: number, seed: number): BenchIteration {
  const rng = createRng(seed);
  const images = new Uint8Array(ALI_IMAGES * 28 * 28);
  for (let i = 0; i < images.length; i++) images[i] = rng.int(256);
  const train: ImageSet = {
    count: ALI_IMAGES,
    height: 28,
    width: 28,
    channels: 1,
    images,
    labels: new Uint8Array(ALI_IMAGES),
    classes: 1,
  };
  const trainer = new AliTrainer({ model: 'ali', width, seed, train });
  // The step's other diagnostics are made inside this scope, so tidy disposes them.
  const iteration = () => tf.tidy(() => trainer.trainStep().generatorLoss);
  return {
    iteration,
    parameters: {
      encoder: parameterCount(trainer.encoder),
      decoder: parameterCount(trainer.decoder),
      discriminator: parameterCount(trainer.discriminator),
    },
    dispose: () => trainer.dispose(),
  };
}

const MODELS = {
  dcgan: { build: ganIteration, reference: 'k2', batch: BATCH },
  ali: { build: aliIteration, reference: 'k2-ali', batch: ALI_DEFAULTS.batchSize },
} as const;

type Model = keyof typeof MODELS;

/** Networks whose parameter counts differ from the reference's (empty when all agree). */
export function parameterMismatches(
  ours: Record<string, number>,
  theirs: Record<string, number>,
): string[] {
  const names = [...new Set([...Object.keys(ours), ...Object.keys(theirs)])];
  return names
    .filter((name) => ours[name] !== theirs[name])
    .map((name) => `${name}: ours ${ours[name] ?? 'none'}, PyTorch ${theirs[name] ?? 'none'}`);
}

interface KernelTime {
  kernel: string;
  calls: number;
  ms: number;
  share: number;
}

type KernelInfo = Awaited<ReturnType<typeof tf.profile>>['kernels'][number];

/**
 * Multiply-accumulates of a convolution kernel from its profiled shapes: for Conv2D, and for both
 * its gradients, (batch · small spatial grid · out channels) · (filter taps · in channels).
 */
function convMacs(kernel: KernelInfo): number {
  const inputs = kernel.inputShapes as number[][];
  const [output] = kernel.outputShapes as number[][];
  const product = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
  if (kernel.name === 'Conv2D') return product(output!) * product(inputs[1]!.slice(0, 3));
  if (kernel.name === 'Conv2DBackpropInput')
    return product(inputs[0]!) * product(inputs[1]!.slice(0, 3));
  if (kernel.name === 'Conv2DBackpropFilter')
    return product(inputs[1]!) * product(output!.slice(0, 3));
  return 0;
}

/** tf.profile of one iteration, kernels grouped by name, the most expensive first. */
export async function kernelProfile(
  iteration: () => tf.Scalar,
): Promise<{ kernels: number; convGmac: number; byKernel: KernelTime[] }> {
  const profile = await tf.profile(() => {
    iteration().dispose();
  });
  const groups = new Map<string, { calls: number; ms: number }>();
  let total = 0;
  let macs = 0;
  for (const k of profile.kernels) {
    macs += convMacs(k);
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    const group = groups.get(k.name) ?? { calls: 0, ms: 0 };
    group.calls++;
    group.ms += ms;
    groups.set(k.name, group);
    total += ms;
  }
  const byKernel = [...groups.entries()]
    .map(([kernel, { calls, ms }]) => ({
      kernel,
      calls,
      ms: round(ms, 2),
      share: round(total > 0 ? ms / total : 0, 3),
    }))
    .sort((a, b) => b.ms - a.ms);
  return { kernels: profile.kernels.length, convGmac: macs / 1e9, byKernel };
}

export async function run({ quick, seed, log }: BenchOptions) {
  const cases: { model: Model; width: number }[] = quick
    ? [
        { model: 'dcgan', width: 1 / 8 },
        { model: 'ali', width: 1 / 8 },
      ]
    : [
        { model: 'dcgan', width: 1 / 4 },
        { model: 'dcgan', width: 1 },
        { model: 'ali', width: 1 / 4 },
      ];
  const rows = [];
  // The last case's reference also says which torch, threads and BLAS ran (no extra run for it).
  let last: PytorchResult | PytorchSkipped | undefined;
  const profiles: Record<string, KernelTime[]> = {};
  for (const { model, width } of cases) {
    const iterations = quick ? 2 : width < 1 ? 20 : 5;
    const warmup = quick ? 1 : 2;
    const name = `${model} width ${width}`;
    log(`[K2] ${name}: ${warmup} warm-up + ${iterations} timed iterations`);
    const bench = MODELS[model].build(width, seed);
    for (let i = 0; i < warmup; i++) {
      const loss = bench.iteration();
      await loss.data();
      loss.dispose();
    }
    const times: number[] = [];
    const started = performance.now();
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      const loss = bench.iteration();
      await loss.data(); // waits for asynchronous backends (webgpu)
      loss.dispose();
      times.push(performance.now() - t);
    }
    const ours = iterations / ((performance.now() - started) / 1000);
    const profile = await kernelProfile(bench.iteration);
    const { parameters } = bench;
    bench.dispose();
    profiles[name] = profile.byKernel.slice(0, 16);
    log(`[K2] ${name}: PyTorch reference`);
    const reference = await pytorchReference(MODELS[model].reference, {
      iterations,
      warmup,
      width,
      seed,
    });
    const r = ratio(ours, reference);
    const theirs = 'iterationsPerSecond' in reference ? (reference.parameters ?? null) : null;
    const mismatches = theirs ? parameterMismatches(parameters, theirs) : [];
    rows.push({
      model,
      width,
      batch: MODELS[model].batch,
      parameters: Object.values(parameters).reduce((a, b) => a + b, 0),
      // Equal counts per network: the reference's layers have our shapes (the same arithmetic).
      parametersMatchPytorch: theirs ? mismatches.length === 0 : null,
      iterationsPerSecond: round(ours, 2),
      msPerIterationMedian: round(median(times), 1),
      kernelsPerIteration: profile.kernels,
      // The arithmetic of the iteration, and the rate it ran at: the bound is the conv rate of
      // XNNPACK's wasm SIMD kernels on this many threads.
      convGmacPerIteration: round(profile.convGmac, 3),
      convGmacPerSecond: round(profile.convGmac * ours, 2),
      pytorchIterationsPerSecond:
        'iterationsPerSecond' in reference ? round(reference.iterationsPerSecond, 2) : null,
      ratioToPytorch: r === null ? null : round(r, 3),
      target: 0.7,
    });
    if ('skipped' in reference) log(`[K2] ${reference.skipped}`);
    if (mismatches.length > 0) {
      log(`[K2] ${name}: the PyTorch networks differ from ours (${mismatches.join('; ')})`);
    }
    const warning = slowBlasWarning(reference);
    if (warning) log(`[K2] ${warning}`);
    last = reference;
  }
  const reference = last!;
  return {
    iterations: rows,
    kernelProfile: profiles,
    pytorch:
      'skipped' in reference
        ? reference
        : {
            torch: reference.torch,
            threads: reference.threads,
            blas: reference.blas,
            warning: slowBlasWarning(reference),
          },
    config: {
      dcgan: {
        batch: BATCH,
        networks: 'dcganGenerator / dcganDiscriminator (@mine/nets), Tables 4-5',
        optimizer: "Adam(2e-4, 0.5) for both networks (core's FusedAdam, as GanTrainer)",
        losses: 'discriminator and non-saturating generator losses of @mine/gan',
      },
      ali: {
        batch: MODELS.ali.batch,
        networks: 'aliEncoder / aliDecoder / aliDiscriminator (@mine/nets), Tables 7-9',
        iteration: "AliTrainer.trainStep of @mine/ali, model 'ali', on random 28x28x1 images",
        optimizer:
          "Adam(1e-4, 0.5) for the discriminator and for encoder + decoder (core's FusedAdam)",
        losses:
          "@mine/ali's adversarialLosses (the encoder's and decoder's with the labels swapped)",
      },
    },
  };
}
