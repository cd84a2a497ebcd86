import { componentwiseGaussianMi, normalCdf } from '@mine/core/math';
import { describe, expect, it } from 'vitest';
import { randomRotation, rhoForMutualInformation, rotatedEmbedding, spiralTube } from './curved.js';
import { sameArray, thrownArgument } from './test-utils.js';

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]! / n;
    mb += b[i]! / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Rows of `values` ([n, dim]) multiplied by the transpose of `rotation`: the inverse rotation. */
function unrotate(values: Float32Array, dim: number, rotation: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let r = 0; r < values.length / dim; r++) {
    for (let j = 0; j < dim; j++) {
      let sum = 0;
      for (let i = 0; i < dim; i++) sum += rotation[i * dim + j]! * values[r * dim + i]!;
      out[r * dim + j] = sum;
    }
  }
  return out;
}

/** Spearman's ρ of a bivariate normal with correlation ρ: (6/π) asin(ρ/2). */
const spearmanOfNormal = (rho: number) => (6 / Math.PI) * Math.asin(rho / 2);

describe('rhoForMutualInformation', () => {
  it('inverts the componentwise Gaussian MI, from 0.01 to 10 nats', () => {
    for (const dim of [1, 5, 20]) {
      for (const mi of [0.01, 0.1, 1, 4, 10]) {
        const rho = rhoForMutualInformation(dim, mi);
        // ρ → 1 at 10 nats in one dimension: 1 − ρ² loses digits to rounding.
        expect(componentwiseGaussianMi(dim, rho)).toBeCloseTo(mi, 6);
      }
    }
  });

  it('names the bad argument', () => {
    expect(thrownArgument(() => rhoForMutualInformation(0, 1))).toBe('dim');
    expect(thrownArgument(() => rhoForMutualInformation(2, 0))).toBe('mi');
  });
});

describe('randomRotation', () => {
  it('is orthogonal and seeded', () => {
    const q = randomRotation(6, 3);
    for (let a = 0; a < 6; a++) {
      for (let b = 0; b < 6; b++) {
        let dot = 0;
        for (let i = 0; i < 6; i++) dot += q[i * 6 + a]! * q[i * 6 + b]!;
        expect(Math.abs(dot - (a === b ? 1 : 0))).toBeLessThan(1e-12);
      }
    }
    expect(sameArray(q, randomRotation(6, 3))).toBe(true);
    expect(sameArray(q, randomRotation(6, 4))).toBe(false);
  });
});

describe('spiralTube', () => {
  it('keeps the latent MI, and the latent can be read back from Z (the map is injective)', () => {
    const task = spiralTube({ mi: 2 });
    expect(task.mutualInformation()).toBe(2);
    expect([task.xDim, task.zDim]).toEqual([1, 3]);
    const n = 20000;
    const { x, z } = task.sample(n, 7);
    expect(sameArray(z, task.sample(n, 7).z)).toBe(true);
    // Undo the rotation and the spiral: angle mod 2π and radius pick the turn, as the doc says.
    const plane = unrotate(z, 3, randomRotation(3, 1));
    const turns = 3;
    const t = new Float64Array(n);
    let worstOffset = 0;
    for (let i = 0; i < n; i++) {
      const a = plane[3 * i]!;
      const b = plane[3 * i + 1]!;
      const phi = (Math.atan2(b, a) + 2 * Math.PI) % (2 * Math.PI);
      const radius = Math.hypot(a, b);
      const turn = Math.round(radius - 1 - phi / (2 * Math.PI));
      const theta = phi + 2 * Math.PI * turn;
      t[i] = theta / (2 * Math.PI * turns);
      worstOffset = Math.max(worstOffset, Math.abs(radius - (1 + turns * t[i]!)));
    }
    expect(worstOffset).toBeLessThan(0.4 + 1e-4);
    // t = Φ(u), so corr(Φ(X), t) is Spearman's ρ of (X, u).
    const rank = Float64Array.from(x, (v) => normalCdf(v));
    const rho = rhoForMutualInformation(1, 2);
    expect(correlation(rank, t)).toBeCloseTo(spearmanOfNormal(rho), 2);
  });
});

describe('rotatedEmbedding', () => {
  it('keeps the latent MI, and the latents can be read back (rotations and bend undone)', () => {
    const k = 2;
    const dim = 6;
    const task = rotatedEmbedding({ mi: 3, latentDim: k, dim });
    expect(task.mutualInformation()).toBe(3);
    const n = 20000;
    const { x, z } = task.sample(n, 5);
    const latent = (values: Float32Array, seed: number) => {
      const rows = unrotate(values, dim, randomRotation(dim, seed));
      const out = new Float64Array(n * k);
      for (let r = 0; r < n; r++) {
        let norm2 = 0;
        for (let j = 0; j < k; j++) norm2 += rows[r * dim + j]! ** 2;
        // The bend rotated the first plane by 0.5·‖v‖² and kept ‖v‖: rotate back.
        const c = Math.cos(-0.5 * norm2);
        const s = Math.sin(-0.5 * norm2);
        const a = rows[r * dim]!;
        const b = rows[r * dim + 1]!;
        out[r * k] = c * a - s * b;
        out[r * k + 1] = s * a + c * b;
      }
      return { out, rows };
    };
    const lx = latent(x, 1);
    const lz = latent(z, 2);
    const rho = rhoForMutualInformation(k, 3);
    for (let j = 0; j < k; j++) {
      const a = Float64Array.from({ length: n }, (_, r) => lx.out[r * k + j]!);
      const b = Float64Array.from({ length: n }, (_, r) => lz.out[r * k + j]!);
      expect(correlation(a, b)).toBeCloseTo(rho, 2);
    }
    // A padding coordinate is independent noise of the asked-for scale.
    const pad = Float64Array.from({ length: n }, (_, r) => lx.rows[r * dim + dim - 1]!);
    const sd = Math.sqrt(pad.reduce((s, v) => s + v * v, 0) / n);
    expect(sd).toBeCloseTo(0.3, 2);
  });

  it('names the bad argument', () => {
    expect(thrownArgument(() => rotatedEmbedding({ mi: 1, latentDim: 1 }))).toBe('latentDim');
    expect(thrownArgument(() => rotatedEmbedding({ mi: 1, latentDim: 4, dim: 3 }))).toBe('dim');
    expect(thrownArgument(() => rotatedEmbedding({ mi: -1 }))).toBe('mi');
  });
});
