import { createRng } from '@mine/core/base';
import { describe, expect, it } from 'vitest';
import { digamma } from '../digamma.js';
import { bruteForceCounts, correlatedGaussians, rejected, thrown } from '../test-helpers.js';
import { addJitter } from './jitter.js';
import { ksg, ksgSync } from './ksg.js';

/** Joint rows [x | z] of two {data, shape} matrices. */
function joint(
  x: { data: Float64Array; shape: [number, number] },
  z: { data: Float64Array; shape: [number, number] },
) {
  const [n, dx] = x.shape;
  const dz = z.shape[1];
  const data = new Float64Array(n * (dx + dz));
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < dx; c++) data[i * (dx + dz) + c] = x.data[i * dx + c]!;
    for (let c = 0; c < dz; c++) data[i * (dx + dz) + dx + c] = z.data[i * dz + c]!;
  }
  return { data, n, dx, dz };
}

/** ψ(k) + ψ(n) − ⟨ψ(n_x+1) + ψ(n_z+1)⟩ from brute-force counts. */
function referenceMi(data: Float64Array, n: number, dx: number, dz: number, k: number): number {
  const { nx, nz } = bruteForceCounts(data, n, dx, dz, k);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += digamma(nx[i]! + 1) + digamma(nz[i]! + 1);
  return digamma(k) + digamma(n) - sum / n;
}

describe('ksg', () => {
  for (const d of [1, 2]) {
    for (const rho of [0.5, 0.9]) {
      it(`recovers −d/2 log(1−ρ²) for d=${d}+${d}, ρ=${rho}, n=5000`, async () => {
        const { x, z, mi } = correlatedGaussians(5000, d, rho, 100 + d);
        const result = await ksg(x, z);
        expect(Math.abs(result.mi - mi)).toBeLessThan(Math.max(0.1, 0.1 * mi));
        expect(result).toMatchObject({ k: 3, n: 5000 });
        expect(result.ci[0]).toBeLessThan(result.mi);
        expect(result.ci[1]).toBeGreaterThan(result.mi);
        expect(result.standardError).toBeGreaterThan(0);
      });
    }
  }

  it('is near 0 on independent data', async () => {
    const { x, z } = correlatedGaussians(3000, 2, 0, 7);
    const { mi, ci } = await ksg(x, z, { workers: 1 });
    expect(Math.abs(mi)).toBeLessThan(0.03);
    expect(ci[0]).toBeLessThan(0.03);
  });

  it('agrees exactly with an O(n²) brute-force reference (n=300, d=3+2)', () => {
    const rng = createRng(21);
    const x = { data: new Float64Array(900), shape: [300, 3] as [number, number] };
    const z = { data: new Float64Array(600), shape: [300, 2] as [number, number] };
    for (let i = 0; i < 300; i++) {
      for (let c = 0; c < 3; c++) x.data[i * 3 + c] = rng.normal();
      z.data[i * 2] = x.data[i * 3]! + x.data[i * 3 + 1]! ** 2 + 0.5 * rng.normal();
      z.data[i * 2 + 1] = Math.sin(x.data[i * 3 + 2]!) + 0.3 * rng.normal();
    }
    const { data, n, dx, dz } = joint(x, z);
    for (const k of [1, 3, 7]) {
      const expected = referenceMi(data, n, dx, dz, k);
      expect(ksgSync(x, z, { k, noise: 0 }).mi).toBeCloseTo(expected, 12);
    }
    // With the default jitter: the reference on the same jittered values.
    addJitter(data, n, dx + dz, 1e-10, 5);
    expect(ksgSync(x, z, { seed: 5 }).mi).toBeCloseTo(referenceMi(data, n, dx, dz, 3), 12);
  });

  it('breaks ties on discrete data with the seeded jitter, matching the reference', () => {
    const rng = createRng(3);
    const n = 400;
    const x = { data: new Float64Array(n), shape: [n, 1] as [number, number] };
    const z = { data: new Float64Array(n), shape: [n, 1] as [number, number] };
    for (let i = 0; i < n; i++) {
      x.data[i] = rng.int(4);
      z.data[i] = (x.data[i]! + (rng.next() < 0.8 ? 0 : 1 + rng.int(3))) % 4;
    }
    const { data, dx, dz } = joint(x, z);
    addJitter(data, n, 2, 1e-10, 0);
    const result = ksgSync(x, z);
    expect(result.mi).toBeCloseTo(referenceMi(data, n, dx, dz, 3), 12);
    expect(Number.isFinite(result.mi)).toBe(true);
    expect(ksgSync(x, z, { seed: 1 }).mi).not.toBe(result.mi);
  });

  it('gives identical results in workers and in-thread, from the sources', async () => {
    for (const [d, n] of [
      [1, 2000],
      [3, 1500],
      [10, 1200],
    ] as const) {
      const { x, z } = correlatedGaussians(n, d, 0.7, d);
      const sync = ksgSync(x, z, { seed: 2 });
      const threaded = await ksg(x, z, { workers: 2, seed: 2 });
      expect(sync.threads).toBe(1);
      expect(threaded.threads).toBe(2);
      expect({ ...threaded, threads: 1 }).toEqual(sync);
      const single = await ksg(x, z, { workers: 1, seed: 2 });
      expect(single).toEqual(sync);
    }
  });

  it("uses worker threads with workers: 'auto' from 5,000 rows", async () => {
    const { x, z } = correlatedGaussians(5000, 1, 0.5, 1);
    const auto = await ksg(x, z);
    expect(auto.threads).toBeGreaterThan(1);
    const small = correlatedGaussians(4999, 1, 0.5, 1);
    expect((await ksg(small.x, small.z)).threads).toBe(1);
  });

  it('ignores a constant column (it adds nothing to max-norm distances)', () => {
    const { x, z } = correlatedGaussians(500, 2, 0.6, 8);
    const padded = { data: new Float64Array(1500), shape: [500, 3] as [number, number] };
    for (let i = 0; i < 500; i++) {
      padded.data[i * 3] = x.data[i * 2]!;
      padded.data[i * 3 + 1] = 4;
      padded.data[i * 3 + 2] = x.data[i * 2 + 1]!;
    }
    expect(ksgSync(padded, z, { noise: 0 }).mi).toBe(ksgSync(x, z, { noise: 0 }).mi);
  });

  it('is unchanged by the scale of the data, from 1e-300 to 1e300 (no overflow, no underflow)', () => {
    const { x, z } = correlatedGaussians(2000, 1, 0.6, 4);
    const base = ksgSync(x, z);
    const times = (m: typeof x, c: number) => ({ data: m.data.map((v) => v * c), shape: m.shape });
    for (const c of [1e-300, 1e-160, 1e100, 1e160, 1e300]) {
      const scaled = ksgSync(times(x, c), times(z, c));
      // Rescaled values round differently, so neighbours can swap at exact ties only.
      expect(Math.abs(scaled.mi - base.mi), `scale ${c}`).toBeLessThan(1e-3);
      expect(scaled.ci[1] - scaled.ci[0]).toBeGreaterThan(0.01);
    }
    // Opposite signs near the top of the range: differences would overflow without rescaling.
    const wide = ksgSync(times(x, 1.7e308 / 5), times(z, -1.7e308 / 5));
    expect(Math.abs(wide.mi - base.mi)).toBeLessThan(1e-3);
  });

  it('rejects a column whose spread is lost to its magnitude', () => {
    const { x, z } = correlatedGaussians(500, 1, 0.6, 4);
    const offset = { data: x.data.map((v) => 1e16 + v), shape: x.shape };
    expect(thrown(() => ksgSync(offset, z)).message).toMatch(
      /"x": column 0: values of magnitude 1\.00e\+16 vary by only .* float64 steps/,
    );
  });

  it('names the bad argument', async () => {
    const { x, z } = correlatedGaussians(20, 2, 0.5, 1);
    const nan = { data: Float64Array.from(x.data), shape: x.shape };
    nan.data[3] = Number.NaN;
    expect(thrown(() => ksgSync(nan, z)).argument).toBe('x');
    expect(thrown(() => ksgSync(nan, z)).message).toMatch(/row 1, column 1 is NaN/);
    const inf = { data: Float64Array.from(z.data), shape: z.shape };
    inf.data[0] = Number.POSITIVE_INFINITY;
    expect((await rejected(() => ksg(x, inf))).argument).toBe('z');
    const short = { data: z.data.slice(0, 38), shape: [19, 2] as [number, number] };
    expect(thrown(() => ksgSync(x, short)).message).toMatch(/"z".*19 rows but x has 20/);
    expect(thrown(() => ksgSync(x, z, { k: 20 })).argument).toBe('k');
    expect(thrown(() => ksgSync(x, z, { k: 0 })).argument).toBe('k');
    expect(thrown(() => ksgSync(x, z, { k: 2.5 })).argument).toBe('k');
    expect(thrown(() => ksgSync(x, z, { noise: -1 })).argument).toBe('noise');
    expect((await rejected(() => ksg(x, z, { workers: 0 }))).argument).toBe('workers');
    expect((await rejected(() => ksg(x, z, { k: 20 }))).argument).toBe('k');
  });
});
