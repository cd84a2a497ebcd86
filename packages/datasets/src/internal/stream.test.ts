import { normalCdf } from '@mine/core/math';
import { describe, expect, it } from 'vitest';
import { createStream } from './stream.js';

describe('createStream', () => {
  it('is reproducible per seed and differs across seeds', () => {
    const a = new Float32Array(1000);
    const b = new Float32Array(1000);
    const c = new Float32Array(1000);
    createStream(7).fillNormal(a);
    createStream(7).fillNormal(b);
    createStream(8).fillNormal(c);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('fillNormal and normal() give the same stream', () => {
    const bulk = new Float64Array(5000);
    createStream(3).fillNormal(bulk);
    const one = createStream(3);
    for (let i = 0; i < bulk.length; i++) expect(one.normal()).toBe(bulk[i]);
  });

  it('draws standard normals: moments, tails and a Kolmogorov–Smirnov test', () => {
    const n = 200_000;
    const v = new Float64Array(n);
    createStream(11).fillNormal(v);
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    let tail = 0;
    for (const x of v) {
      m1 += x;
      m2 += x * x;
      m4 += x ** 4;
      if (Math.abs(x) > 3) tail++;
    }
    expect(Math.abs(m1 / n)).toBeLessThan(0.012); // SE 0.0022
    expect(Math.abs(m2 / n - 1)).toBeLessThan(0.016); // SE 0.0032
    expect(Math.abs(m4 / n - 3)).toBeLessThan(0.1); // SE 0.022
    // P(|X| > 3) = 0.0026998: expected 540 of 200k, SD 23.
    expect(Math.abs(tail - 0.0026998 * n)).toBeLessThan(120);
    v.sort();
    let ks = 0;
    for (let i = 0; i < n; i++) {
      const cdf = normalCdf(v[i]!);
      ks = Math.max(ks, Math.abs(cdf - i / n), Math.abs(cdf - (i + 1) / n));
    }
    expect(ks).toBeLessThan(1.63 / Math.sqrt(n)); // 1% critical value
  });

  it('draws uniforms strictly inside (lo, hi) and integers in range', () => {
    const s = createStream(5);
    const u = new Float64Array(100_000);
    s.fillUniform(u, -2, 3);
    let mean = 0;
    let outside = 0;
    for (const x of u) {
      if (!(x > -2 && x < 3)) outside++;
      mean += x;
    }
    expect(outside).toBe(0);
    expect(Math.abs(mean / u.length - 0.5)).toBeLessThan(0.03); // SE 0.0046
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[s.int(7)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('draws Gamma(shape) with mean shape and variance shape', () => {
    for (const shape of [0.5, 1, 2.5, 10]) {
      const s = createStream(Math.round(shape * 100));
      const n = 100_000;
      let m = 0;
      let m2 = 0;
      for (let i = 0; i < n; i++) {
        const g = s.gamma(shape);
        m += g;
        m2 += g * g;
      }
      m /= n;
      const variance = m2 / n - m * m;
      expect(Math.abs(m - shape)).toBeLessThan(6 * Math.sqrt(shape / n));
      expect(Math.abs(variance / shape - 1)).toBeLessThan(0.05);
    }
  });
});
