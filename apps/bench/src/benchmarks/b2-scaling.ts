import { concatCritic, createRng, MineEstimator } from '@mine/core';
import * as tf from '@tensorflow/tfjs-core';
import { CHART_CONFIG, type TopLevelSpec, writeChart } from '@tools/plot';
import { median, round } from '../timing.js';
import type { BenchOptions } from '../types.js';

export const id = 'B2';
export const title = 'Scaling of a MINE step over dimension d and batch size (critic 2d-400-400-1)';

interface Point {
  sweep: 'dimension' | 'batch';
  dim: number;
  batchSize: number;
  msPerStep: number;
  stepsPerSecond: number;
  /** Peak bytes of tensor memory during one step (tf.profile). */
  peakMB: number;
}

async function measure(dim: number, batchSize: number, steps: number, seed: number) {
  const estimator = new MineEstimator(
    concatCritic({ xDim: dim, zDim: dim, hidden: [400, 400], seed }),
    { seed, learningRate: 1e-4 },
  );
  const rng = createRng(seed);
  const values = new Float32Array(batchSize * dim);
  const tensor = () => {
    for (let i = 0; i < values.length; i++) values[i] = rng.normal();
    return tf.tensor2d(values, [batchSize, dim]);
  };
  const x = tensor();
  const z = tensor();
  estimator.step(x, z).dispose();
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const start = performance.now();
    estimator.step(x, z).dispose();
    times.push(performance.now() - start);
  }
  const profile = await tf.profile(() => estimator.step(x, z).dispose());
  x.dispose();
  z.dispose();
  estimator.dispose();
  const ms = median(times);
  return {
    msPerStep: round(ms, 2),
    stepsPerSecond: round(1000 / ms, 1),
    peakMB: round(profile.peakBytes / 2 ** 20, 1),
  };
}

/** Least-squares slope of log(cost) against log(size): cost ∝ size^exponent. */
export function fitExponent(sizes: number[], costs: number[]): number {
  const xs = sizes.map(Math.log);
  const ys = costs.map(Math.log);
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return num / den;
}

export async function run({ quick, seed, log, out }: BenchOptions) {
  const dims = quick ? [2, 20, 100] : [2, 20, 100, 500];
  const batches = quick ? [64, 256] : [64, 256, 1024, 4096];
  const steps = quick ? 3 : 15;
  const points: Point[] = [];
  for (const dim of dims) {
    const m = await measure(dim, 256, steps, seed);
    points.push({ sweep: 'dimension', dim, batchSize: 256, ...m });
    log(`B2 d=${dim} batch=256: ${m.msPerStep} ms/step`);
  }
  for (const batchSize of batches) {
    const m = await measure(20, batchSize, steps, seed);
    points.push({ sweep: 'batch', dim: 20, batchSize, ...m });
    log(`B2 d=20 batch=${batchSize}: ${m.msPerStep} ms/step`);
  }
  const byDim = points.filter((p) => p.sweep === 'dimension');
  const byBatch = points.filter((p) => p.sweep === 'batch');
  const exponents = {
    dimension: round(
      fitExponent(
        byDim.map((p) => p.dim),
        byDim.map((p) => p.msPerStep),
      ),
      3,
    ),
    batch: round(
      fitExponent(
        byBatch.map((p) => p.batchSize),
        byBatch.map((p) => p.msPerStep),
      ),
      3,
    ),
    // Over the large end only, where the first layer (2d × 400) dominates the 400 × 400 one.
    dimensionLargeEnd:
      byDim.length >= 2
        ? round(
            fitExponent(
              byDim.slice(-2).map((p) => p.dim),
              byDim.slice(-2).map((p) => p.msPerStep),
            ),
            3,
          )
        : null,
  };
  const panel = (sweep: Point['sweep'], field: 'dim' | 'batchSize', label: string) => ({
    transform: [{ filter: `datum.sweep === '${sweep}'` }],
    mark: { type: 'line' as const, point: true },
    encoding: {
      x: { field, type: 'quantitative' as const, scale: { type: 'log' as const }, title: label },
      y: {
        field: 'msPerStep',
        type: 'quantitative' as const,
        scale: { type: 'log' as const },
        title: 'ms per step',
      },
    },
    width: 260,
    height: 200,
  });
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: 'B2: cost of a MINE step',
      subtitle: `exponents: d ${exponents.dimension}, batch ${exponents.batch}`,
    },
    data: { values: points },
    hconcat: [
      panel('dimension', 'dim', 'dimension d (batch 256)'),
      panel('batch', 'batchSize', 'batch size (d = 20)'),
    ],
    config: CHART_CONFIG,
  };
  const chart = await writeChart(spec, out, 'B2');
  return { points, exponents, chart, config: { hidden: [400, 400], steps, dims, batches } };
}
