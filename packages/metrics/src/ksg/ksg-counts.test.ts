import { createRng } from '@mine/core/base';
import { describe, expect, it } from 'vitest';
import { bruteForceCounts } from '../test-helpers.js';
import { chooseKsgStrategy, KSG_STRATEGY, ksgCounts } from './ksg-counts.js';

function run(data: Float64Array, n: number, dx: number, dz: number, k: number, strategy: number) {
  const eps = new Float64Array(n);
  const nx = new Int32Array(n);
  const nz = new Int32Array(n);
  ksgCounts(data, n, dx, dz, k, 0, n, eps, nx, nz, strategy);
  return { eps, nx, nz };
}

function gaussian(n: number, d: number, seed: number, rho = 0.6): Float64Array {
  const rng = createRng(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const shared = rng.normal();
    for (let c = 0; c < d; c++)
      data[i * d + c] = rho * shared + Math.sqrt(1 - rho * rho) * rng.normal();
  }
  return data;
}

const strategies = Object.entries(KSG_STRATEGY);

describe('ksgCounts', () => {
  for (const [name, strategy] of strategies) {
    it(`${name}: equals the O(n²) reference on n=300, d=3+2, k ∈ {1, 3, 5}`, () => {
      const data = gaussian(300, 5, 1);
      for (const k of [1, 3, 5]) {
        expect(run(data, 300, 3, 2, k, strategy)).toEqual(bruteForceCounts(data, 300, 3, 2, k));
      }
    });

    it(`${name}: equals the reference in 1+1 and 12+12 dimensions`, () => {
      const low = gaussian(600, 2, 2, 0.9);
      expect(run(low, 600, 1, 1, 3, strategy)).toEqual(bruteForceCounts(low, 600, 1, 1, 3));
      const high = gaussian(250, 24, 3);
      expect(run(high, 250, 12, 12, 4, strategy)).toEqual(bruteForceCounts(high, 250, 12, 12, 4));
    });

    it(`${name}: equals the reference on tied and duplicated values`, () => {
      const rng = createRng(4);
      const n = 400;
      const data = new Float64Array(n * 4);
      for (let i = 0; i < data.length; i++) data[i] = rng.int(3);
      expect(run(data, n, 2, 2, 3, strategy)).toEqual(bruteForceCounts(data, n, 2, 2, 3));
      // Every row duplicated at least 4 times: the k-th neighbour is at distance 0.
      const dup = new Float64Array(100 * 2);
      for (let i = 0; i < 100; i++) {
        dup[2 * i] = i % 20;
        dup[2 * i + 1] = (i * 7) % 20;
      }
      const counts = run(dup, 100, 1, 1, 3, strategy);
      expect(counts).toEqual(bruteForceCounts(dup, 100, 1, 1, 3));
      expect(Array.from(counts.eps).every((e) => e === 0)).toBe(true);
    });

    it(`${name}: a range of query rows gives the same counts as the whole`, () => {
      const data = gaussian(300, 6, 5);
      const whole = run(data, 300, 3, 3, 3, strategy);
      const eps = new Float64Array(120);
      const nx = new Int32Array(120);
      const nz = new Int32Array(120);
      ksgCounts(data, 300, 3, 3, 3, 100, 220, eps, nx, nz, strategy);
      expect(eps).toEqual(whole.eps.slice(100, 220));
      expect(nx).toEqual(whole.nx.slice(100, 220));
      expect(nz).toEqual(whole.nz.slice(100, 220));
    });
  }

  it('picks trees in low and the bit filter in high dimension', () => {
    expect(chooseKsgStrategy(10_000, 2)).toBe(KSG_STRATEGY.tree);
    expect(chooseKsgStrategy(10_000, 4)).toBe(KSG_STRATEGY.tree);
    expect(chooseKsgStrategy(10_000, 6)).toBe(KSG_STRATEGY.bits);
    expect(chooseKsgStrategy(100_000, 6)).toBe(KSG_STRATEGY.tree);
    expect(chooseKsgStrategy(10_000, 40)).toBe(KSG_STRATEGY.bits);
  });
});
