import { describe, expect, it } from 'vitest';
import { correlatedGaussianSample } from '../testing/index.js';
import { estimateMutualInformation } from './estimate.js';

const tolerance = (truth: number) => Math.max(0.1, 0.1 * truth);

// The default call (only the seed fixed) against closed-form truth: |error| ≤ max(0.1 nats, 10%).
describe('estimateMutualInformation defaults are accurate on Gaussians', () => {
  it.each([
    { d: 2, rho: 0.5, n: 5000 },
    { d: 2, rho: 0.9, n: 5000 },
    { d: 20, rho: 0.5, n: 20000 },
  ])('d=$d rho=$rho (n=$n)', async ({ d, rho, n }) => {
    // Sec. 4.1: d-dim Gaussians with corr(x_i, z_j) = δ_ij ρ; truth −d/2 log(1 − ρ²).
    const { x, z, mi: truth } = correlatedGaussianSample(n, d, rho, 11, 'float32');
    const r = await estimateMutualInformation(x, z, { seed: 1 });
    expect(Math.abs(r.mi - truth)).toBeLessThanOrEqual(tolerance(truth));
    expect(r.ci[0]).toBeLessThan(r.ci[1]);
  }, 900_000);
});
