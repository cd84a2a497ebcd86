import { concatCritic, createRng, MineEstimator } from '@mine/core';
import * as tf from '@tensorflow/tfjs-core';
import { round } from '../timing.js';
import type { BenchOptions } from '../types.js';

export const id = 'B4';
export const title = 'Memory across MINE training steps (numTensors and RSS must stay flat)';

export async function run({ quick, seed, log }: BenchOptions) {
  const dim = 20;
  const batchSize = 256;
  const hidden = quick ? [64, 64] : [400, 400];
  const steps = quick ? 500 : 10_000;
  const every = quick ? 50 : 500;
  const estimator = new MineEstimator(concatCritic({ xDim: dim, zDim: dim, hidden, seed }), {
    seed,
  });
  const rng = createRng(seed);
  const xs = new Float32Array(batchSize * dim);
  const zs = new Float32Array(batchSize * dim);
  const series: { step: number; numTensors: number; numBytes: number; rssMB: number }[] = [];
  for (let step = 1; step <= steps; step++) {
    for (let i = 0; i < xs.length; i++) {
      const a = rng.normal();
      xs[i] = a;
      zs[i] = 0.5 * a + Math.sqrt(0.75) * rng.normal();
    }
    const x = tf.tensor2d(xs, [batchSize, dim]);
    const z = tf.tensor2d(zs, [batchSize, dim]);
    estimator.step(x, z).dispose();
    x.dispose();
    z.dispose();
    if (step === 1 || step % every === 0) {
      // Collect garbage first (node --expose-gc) so RSS shows what is retained, not what V8
      // has yet to collect.
      (globalThis as { gc?: () => void }).gc?.();
      const m = tf.memory();
      const rssMB = round(process.memoryUsage().rss / 2 ** 20, 1);
      series.push({ step, numTensors: m.numTensors, numBytes: m.numBytes, rssMB });
      if (step % (every * 4) === 0)
        log(`B4 step ${step}/${steps}: ${m.numTensors} tensors, ${rssMB} MB`);
    }
  }
  estimator.dispose();
  const afterWarmup = series.slice(1);
  const tensors = afterWarmup.map((s) => s.numTensors);
  const rss = afterWarmup.map((s) => s.rssMB);
  const half = Math.floor(rss.length / 2);
  return {
    numTensors: series.map((s) => s.numTensors),
    rssMB: series.map((s) => s.rssMB),
    steps: series.map((s) => s.step),
    numTensorsFlat: Math.min(...tensors) === Math.max(...tensors),
    numTensorsRange: [Math.min(...tensors), Math.max(...tensors)],
    // RSS settles once wasm memory and V8 heaps are sized; compare the two halves of the run.
    rssGrowthMB: round(Math.max(...rss.slice(half)) - Math.max(...rss.slice(0, half)), 1),
    gcBeforeSample: typeof (globalThis as { gc?: unknown }).gc === 'function',
    config: { dim, batchSize, hidden, steps, every, objective: 'mine' },
  };
}
