import { concatCritic, createRng, MineEstimator } from '@mine/core';
import * as tf from '@tensorflow/tfjs-core';
import { pytorchReference, ratio, slowBlasWarning } from '../pytorch.js';
import { median, round } from '../timing.js';
import type { BenchOptions } from '../types.js';

export const id = 'B1';
export const title =
  'MINE training throughput (x, z in R^20, critic 40-400-400-1 ReLU, batch 256, Adam)';

/** Fresh correlated-Gaussian batches, uploaded every step as in real training. */
function batchMaker(dim: number, batch: number, seed: number) {
  const rng = createRng(seed);
  const x = new Float32Array(batch * dim);
  const z = new Float32Array(batch * dim);
  return () => {
    for (let i = 0; i < x.length; i++) {
      const a = rng.normal();
      x[i] = a;
      z[i] = 0.5 * a + Math.sqrt(0.75) * rng.normal();
    }
    return { x: tf.tensor2d(x, [batch, dim]), z: tf.tensor2d(z, [batch, dim]) };
  };
}

export async function run({ quick, seed, log }: BenchOptions) {
  const dim = 20;
  const batchSize = 256;
  const hidden = [400, 400];
  const warmup = quick ? 3 : 20;
  const steps = quick ? 10 : 300;
  const estimator = new MineEstimator(concatCritic({ xDim: dim, zDim: dim, hidden, seed }), {
    objective: 'mine',
    learningRate: 1e-4,
    seed,
  });
  const next = batchMaker(dim, batchSize, seed);
  const step = () => {
    const { x, z } = next();
    estimator.step(x, z).dispose();
    x.dispose();
    z.dispose();
  };
  for (let i = 0; i < warmup; i++) step();
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < steps; i++) {
    const t = performance.now();
    step();
    times.push(performance.now() - t);
  }
  const seconds = (performance.now() - started) / 1000;
  // Reading the loss back forces the queue to finish on asynchronous backends.
  const { x, z } = next();
  const loss = estimator.step(x, z);
  await loss.data();
  loss.dispose();
  // Kernel launches per step: each costs ~10 µs of dispatch on wasm whatever its size.
  const profile = await tf.profile(() => estimator.step(x, z).dispose());
  x.dispose();
  z.dispose();
  estimator.dispose();
  // The same step in PyTorch CPU (one thread), right after ours: one machine state for both.
  log('[B1] PyTorch reference');
  const reference = await pytorchReference('b1', { iterations: steps, warmup, seed });
  const r = ratio(steps / seconds, reference);
  const warning = slowBlasWarning(reference);
  if (warning) log(`[B1] ${warning}`);
  return {
    stepsPerSecond: round(steps / seconds, 1),
    pytorch:
      'skipped' in reference
        ? reference
        : {
            stepsPerSecond: round(reference.iterationsPerSecond, 1),
            torch: reference.torch,
            threads: reference.threads,
            blas: reference.blas,
            warning: slowBlasWarning(reference),
          },
    ratioToPytorch: r === null ? null : round(r, 3),
    msPerStepMedian: round(median(times), 2),
    msPerStepP90: round([...times].sort((a, b) => a - b)[Math.floor(0.9 * (times.length - 1))]!, 2),
    kernelsPerStep: profile.kernels.length,
    target: { stepsPerSecond: 60, ratioToPytorch: 0.5 },
    config: {
      dim,
      batchSize,
      hidden,
      objective: 'mine',
      optimizer: 'adam(1e-4) (FusedAdam)',
      backward: estimator.fusedBackward ? 'hand-written (scoreForTraining)' : 'autodiff',
      negatives: 1,
      warmup,
      steps,
    },
  };
}
