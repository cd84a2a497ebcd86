import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NeuralSettings } from '../lib/task.js';
import { ESTIMATORS, run as runFig1 } from './fig1.js';
import { run as runFig2 } from './fig2.js';

const out = mkdtempSync(join(tmpdir(), 'repro-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const tiny: NeuralSettings = {
  steps: 40,
  batchSize: 64,
  hidden: [16],
  learningRate: 1e-3,
  schedule: 'cosine',
  evalNegatives: 2,
  evalEvery: 10,
  averageLast: 2,
  patience: 0,
  bootstrap: 20,
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function expectFigureFiles(name: string) {
  expect(readFileSync(join(out, `${name}.svg`), 'utf8').startsWith('<svg')).toBe(true);
  expect([...readFileSync(join(out, `${name}.png`)).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
}

describe('repro experiments on tiny configurations', () => {
  it('fig1 (in worker threads) writes fig1.json of the documented shape, csv, svg and png', async () => {
    const result = await runFig1({
      out,
      workers: 1,
      config: { dims: [2], rhos: [0, 0.5], seeds: [0], n: 400, neural: tiny, ksg: { k: 3 } },
    });
    expect(result.backend).toMatch(/wasm|cpu|tensorflow|webgpu/);
    expect(result.workers).toBe(1);

    const json = JSON.parse(readFileSync(join(out, 'fig1.json'), 'utf8'));
    expect(json.experiment).toBe('fig1');
    expect(json.rows).toHaveLength(2 * ESTIMATORS.length);
    expect(new Set(json.rows.map((r: { estimator: string }) => r.estimator))).toEqual(
      new Set(['mine', 'mine-f', 'ksg']),
    );
    for (const row of json.rows) {
      expect(row).toMatchObject({ d: 2, seed: 0 });
      expect([0, 0.5]).toContain(row.rho);
      expect(row.truth).toBeCloseTo(-Math.log(1 - row.rho ** 2), 10);
      expect(Number.isFinite(row.estimate)).toBe(true);
      expect(row.ci).toHaveLength(2);
      expect(row.seconds).toBeGreaterThan(0);
    }
    expect(json.summary).toHaveLength(6);
    expect(json.summary[0]).toEqual(
      expect.objectContaining({ d: 2, mean: expect.any(Number), sd: 0, runs: 1 }),
    );
    expect(json.config).toMatchObject({ dims: [2], n: 400, neural: tiny });
    expect(json.checks.map((c: { id: string }) => c.id)).toContain('mine-d2');
    expect(json.timings.wallSeconds).toBeGreaterThan(0);

    const csv = readFileSync(join(out, 'fig1.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('d,rho,truth,estimator,seed,estimate,ci_low,ci_high,seconds,steps');
    expect(csv).toHaveLength(1 + 6);
    expectFigureFiles('fig1');
  });

  it('fig2 (in this thread) writes fig2.json with the heatmap cells, per-σ spread and summary', async () => {
    const result = await runFig2({
      out,
      workers: 0,
      config: { sigmas: [0.1, 1], seeds: [0], n: 400, neural: tiny },
    });
    expect(result.rows).toHaveLength(6);
    const json = JSON.parse(readFileSync(join(out, 'fig2.json'), 'utf8'));
    expect(json.experiment).toBe('fig2');
    expect(json.summary).toHaveLength(6);
    for (const cell of json.summary) {
      expect(['linear', 'cubic', 'sin']).toContain(cell.f);
      expect(cell.truth).toBeGreaterThan(0);
    }
    // The true MI falls as the noise grows.
    const truth = (f: string, sigma: number) =>
      json.summary.find((c: { f: string; sigma: number }) => c.f === f && c.sigma === sigma).truth;
    expect(truth('linear', 0.1)).toBeGreaterThan(truth('linear', 1));
    expect(json.perSigma).toHaveLength(2);
    expect(json.perSigma[0]).toEqual(
      expect.objectContaining({ sigma: 0.1, spread: expect.any(Number) }),
    );
    expect(json.equitability).toEqual(
      expect.objectContaining({
        meanSpread: expect.any(Number),
        sigmaChange: expect.any(Number),
        truthMeanSpread: expect.any(Number),
      }),
    );
    expectFigureFiles('fig2');
  });

  it('report.md keeps a section per experiment, and no temporary files are left', () => {
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toContain('## Fig. 1');
    expect(report).toContain('## Fig. 2');
    expect(report.indexOf('## Fig. 1')).toBeLessThan(report.indexOf('## Fig. 2'));
    expect(report).toMatch(
      /MINE within max\(0\.1 nats, 10%\) of truth at d=2 for \|ρ\| ≤ 0\.9: \d+\/2/,
    );
    expect(existsSync(join(out, 'fig1.csv'))).toBe(true);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
