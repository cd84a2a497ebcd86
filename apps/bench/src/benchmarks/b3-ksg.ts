import { correlatedGaussianSample } from '@mine/core/testing';
import { ksg } from '@mine/metrics';
import { round } from '../timing.js';
import type { BenchOptions } from '../types.js';

export const id = 'B3';
export const title = 'KSG estimator time (n = 10,000, d = 20 + 20, k = 3)';

export async function run({ quick, seed, log }: BenchOptions) {
  const n = quick ? 2000 : 10_000;
  const dim = 20;
  const rho = 0.5;
  const k = 3;
  const { x: xm, z: zm, mi: truth } = correlatedGaussianSample(n, dim, rho, seed);
  const x = xm.data;
  const z = zm.data;
  const runs: Record<string, { seconds: number; mi: number; threads: number }> = {};
  for (const workers of ['auto', 1] as const) {
    const started = performance.now();
    const r = await ksg(
      { data: x, shape: [n, dim] },
      { data: z, shape: [n, dim] },
      { k, workers, seed },
    );
    const seconds = (performance.now() - started) / 1000;
    runs[`workers=${workers}`] = {
      seconds: round(seconds, 3),
      mi: round(r.mi, 4),
      threads: r.threads,
    };
    log(
      `B3 workers=${workers}: ${seconds.toFixed(2)} s, KSG ${r.mi.toFixed(3)} nats (truth ${truth.toFixed(3)})`,
    );
  }
  return {
    seconds: runs['workers=auto']!.seconds,
    runs,
    truth: round(truth, 4),
    target: { seconds: 5, reference: 'scipy cKDTree KSG about 23 s' },
    config: { n, dim, k, rho },
  };
}
