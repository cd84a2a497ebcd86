import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './tab3.js';

const out = mkdtempSync(join(tmpdir(), 'repro-tab3-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// Tiny networks (width 1/64: 16-16 encoder, K = 4) on 300 training images, one epoch, tested on
// 1,000 images (seeded Gaussian noise for 10,000 x 784 pixels alone takes seconds).
const settings = {
  width: 1 / 64,
  trainImages: 300,
  epochs: 1,
  curveTestImages: 200,
  testImages: 1000,
  curveSamples: 2,
  testSamples: 2,
  polyakDecay: 0.5,
  checkpointEvery: 2,
};

describe('tab3 on a tiny configuration', () => {
  it(
    'trains the models, writes tab3.json / csv / svg / png and reuses finished runs',
    { timeout: 300_000 },
    async () => {
      const models = ['deterministic', 'dvb', 'mine-gaussian'] as const;
      const result = await run({ out, workers: 0, settings, models: [...models] });
      expect(result.models.map((m) => m.model)).toEqual(models);
      for (const m of result.models) {
        // Three steps at the paper's learning rate teach little; the error must match the run's
        // per-image record, which the McNemar tests use.
        const saved = JSON.parse(
          readFileSync(join(out, 'tab3-runs', `${m.model}-s0.json`), 'utf8'),
        );
        const wrong = [...Buffer.from(saved.wrong, 'base64')];
        expect(wrong.length).toBe(1000);
        expect(m.testError).toBeCloseTo(wrong.filter((w) => w === 1).length / 1000, 12);
        expect(m.epochs).toBe(1);
        expect(m.iXZ.kl === null).toBe(!['dvb', 'mine-gaussian'].includes(m.model));
        expect(m.iXZ.mine === null).toBe(!m.model.startsWith('mine-'));
      }
      expect(result.comparisons.length).toBe(3);
      for (const c of result.comparisons) expect(c.p).toBeGreaterThan(0);
      expect(result.curves.length).toBe(3);
      const json = JSON.parse(readFileSync(join(out, 'tab3.json'), 'utf8'));
      expect(json.models[0].paperTestError).toBe(0.0138);
      expect(readFileSync(join(out, 'tab3.csv'), 'utf8').split('\n')[0]).toBe(
        'model,seed,epoch,testError,kl,mine,seconds',
      );
      expect(readFileSync(join(out, 'tab3.svg'), 'utf8').startsWith('<svg')).toBe(true);
      expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(
        /## Table 3: Information Bottleneck/,
      );
      const again = await run({ out, workers: 0, settings, models: [...models] });
      expect(again.models.map((m) => m.testError)).toEqual(result.models.map((m) => m.testError));
      expect(again.timings.wallSeconds).toBeLessThan(result.timings.wallSeconds);
    },
  );
});
