import { describe, expect, it } from 'vitest';
import { sameArray, thrownArgument } from './test-utils.js';
import { twentyFiveGaussians } from './twenty-five-gaussians.js';

describe('twentyFiveGaussians', () => {
  it('has 25 modes on the grid {-2..2}² (spacing 1) and std 0.05 by default', () => {
    const set = twentyFiveGaussians();
    expect(set.std).toBe(0.05);
    expect(set.dim).toBe(2);
    const modes = set.modes();
    expect(modes.length).toBe(50);
    const keys = new Set<string>();
    for (let k = 0; k < 25; k++) keys.add(`${modes[2 * k]},${modes[2 * k + 1]}`);
    expect(keys.size).toBe(25);
    for (const a of [-2, -1, 0, 1, 2])
      for (const b of [-2, -1, 0, 1, 2]) expect(keys.has(`${a},${b}`)).toBe(true);
    expect(Array.from(twentyFiveGaussians({ spacing: 2 }).modes().subarray(0, 2))).toEqual([
      -4, -4,
    ]);
  });

  it('draws each point near its labelled mode with the right spread, modes equally often', () => {
    const set = twentyFiveGaussians({ std: 0.1 });
    const n = 50_000;
    const { points, labels } = set.sampleLabelled(n, 1);
    const modes = set.modes();
    const counts = new Array(25).fill(0);
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const k = labels[i]!;
      counts[k]++;
      sq += (points[2 * i]! - modes[2 * k]!) ** 2 + (points[2 * i + 1]! - modes[2 * k + 1]!) ** 2;
    }
    // E‖p − c‖² = 2 std²: relative SE 1/√n = 0.0045.
    expect(Math.abs(sq / n / (2 * 0.01) - 1)).toBeLessThan(0.03);
    // 2000 expected per mode, SD 44.
    for (const c of counts) expect(Math.abs(c - n / 25)).toBeLessThan(250);
    expect(sameArray(set.sample(n, 1), points)).toBe(true);
  });

  it('materialises the fixed 100,000-point data set reproducibly', () => {
    const set = twentyFiveGaussians();
    const data = set.dataset();
    expect(data.length).toBe(200_000);
    expect(sameArray(set.dataset(), data)).toBe(true);
    expect(set.sample(10, 1)).not.toEqual(set.sample(10, 2));
  });

  it('validates its options', () => {
    expect(thrownArgument(() => twentyFiveGaussians({ std: 0 }))).toBe('std');
    expect(thrownArgument(() => twentyFiveGaussians({ spacing: -1 }))).toBe('spacing');
    expect(thrownArgument(() => twentyFiveGaussians().sample(1.5, 0))).toBe('n');
  });
});
