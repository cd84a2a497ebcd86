import { createRng, FusedAdam } from '@mine/core';
import { discriminatorLoss, generatorLoss } from '@mine/gan';
import { dcganDiscriminator, dcganGenerator } from '@mine/nets';
import * as tf from '@tensorflow/tfjs-core';
import { pytorchReference, ratio, slowBlasWarning } from '../pytorch.js';
import { median, round } from '../timing.js';
import type { BenchOptions } from '../types.js';

export const id = 'K2';
export const title =
  'Conv GAN training: one iteration (D step + G step, Adam) of the Stacked-MNIST DCGAN (Tables 4-5), batch 64';

const BATCH = 64;

/** One network pair and its optimizers; `iteration()` is one D step then one G step. */
export function ganIteration(width: number, seed: number) {
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
  return { iteration, dispose };
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
  const widths = quick ? [1 / 8] : [1 / 4, 1];
  const rows = [];
  const profiles: Record<string, KernelTime[]> = {};
  for (const width of widths) {
    const iterations = quick ? 2 : width < 1 ? 20 : 5;
    const warmup = quick ? 1 : 2;
    log(`[K2] width ${width}: ${warmup} warm-up + ${iterations} timed iterations`);
    const gan = ganIteration(width, seed);
    for (let i = 0; i < warmup; i++) await gan.iteration().data();
    const times: number[] = [];
    const started = performance.now();
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      const loss = gan.iteration();
      await loss.data(); // waits for asynchronous backends (webgpu)
      loss.dispose();
      times.push(performance.now() - t);
    }
    const ours = iterations / ((performance.now() - started) / 1000);
    const profile = await kernelProfile(gan.iteration);
    gan.dispose();
    profiles[`width ${width}`] = profile.byKernel.slice(0, 16);
    log(`[K2] width ${width}: PyTorch reference`);
    const reference = await pytorchReference('k2', { iterations, warmup, width, seed });
    const r = ratio(ours, reference);
    rows.push({
      width,
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
    const warning = slowBlasWarning(reference);
    if (warning) log(`[K2] ${warning}`);
  }
  const reference = await pytorchReference('k2', { iterations: 1, warmup: 0, width: 1 / 8, seed });
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
      batch: BATCH,
      networks: 'dcganGenerator / dcganDiscriminator (@mine/nets), Tables 4-5',
      optimizer: "Adam(2e-4, 0.5) for both networks (core's FusedAdam, as GanTrainer)",
      losses: 'discriminator and non-saturating generator losses of @mine/gan',
      note: 'ALI networks (Tables 7-10) are not built yet; their K2 rows come with them',
    },
  };
}
