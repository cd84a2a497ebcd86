// Checks the BUILT package from plain Node (run `pnpm --filter @mine/metrics build` first):
// worker threads start from dist, give exactly the in-thread result, and the DESIGN.md B3 case
// (n = 10,000, x, z ∈ R^20, k = 3) is timed with workers 'auto' and with 1 worker.
//   node scripts/ksg-dist.mjs [n] [d]
import { correlatedGaussianSample } from '@mine/core/testing';
import { ksg, ksgSync } from '../dist/index.js';

const n = Number(process.argv[2] ?? 10_000);
const d = Number(process.argv[3] ?? 20);

function gaussians(rows, dims, rho, seed) {
  const { x, z, mi } = correlatedGaussianSample(rows, dims, rho, seed);
  return { x, z, truth: mi };
}

const small = gaussians(3000, 3, 0.7, 1);
const inThread = ksgSync(small.x, small.z);
const threaded = await ksg(small.x, small.z, { workers: 2 });
const same = JSON.stringify({ ...threaded, threads: 1 }) === JSON.stringify(inThread);
console.log(
  JSON.stringify({ check: 'workers from dist', threads: threaded.threads, identical: same }),
);
if (threaded.threads !== 2 || !same) process.exit(1);

const { x, z, truth } = gaussians(n, d, 0.5, 1);
const results = [];
for (const workers of ['auto', 1]) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await ksg(x, z, { workers });
  const used = process.cpuUsage(cpu);
  results.push(result);
  console.log(
    JSON.stringify({
      n,
      d: `${d}+${d}`,
      workers,
      threads: result.threads,
      seconds: +((performance.now() - start) / 1000).toFixed(2),
      cpuSeconds: +((used.user + used.system) / 1e6).toFixed(2),
      mi: +result.mi.toFixed(4),
      truth: +truth.toFixed(4),
    }),
  );
}
if (results[0].mi !== results[1].mi) process.exit(1);
