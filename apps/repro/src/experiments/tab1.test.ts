import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveClassifier } from '../lib/classifier-cache.js';
import { brightnessClassifier } from '../lib/test-classifier.js';
import { run } from './tab1.js';

const root = mkdtempSync(join(tmpdir(), 'repro-tab1-'));
const out = join(root, 'out');
const cache = join(root, 'cache');
const saved = process.env.MINE_CACHE_DIR;
// The shared classifier's cache is replaced by one holding a stand-in (known answers, no training).
beforeAll(async () => {
  process.env.MINE_CACHE_DIR = cache;
  const model = brightnessClassifier();
  await saveClassifier(model, join(cache, 'mnist-classifier'), {
    testAccuracy: 0,
    epochs: 0,
    seed: 0,
    trainSeconds: 0,
    backend: 'test',
  });
  model.dispose();
});
afterAll(() => {
  if (saved === undefined) delete process.env.MINE_CACHE_DIR;
  else process.env.MINE_CACHE_DIR = saved;
  rmSync(root, { recursive: true, force: true });
});

// Width 1/16 networks, 4 iterations of batch 8 on 64 stacked images, 40 evaluation samples.
const settings = {
  width: 1 / 16,
  trainImages: 64,
  iterations: 4,
  batchSize: 8,
  evalSamples: 40,
  miSamples: 16,
  gridSamples: 12,
  logEvery: 2,
  checkpointEvery: 2,
};

describe('tab1 on a tiny configuration', () => {
  it(
    'trains DCGAN and GAN+MINE, scores them and the data, writes tab1.json / csv / png, reuses runs',
    { timeout: 300_000 },
    async () => {
      const result = await run({ out, workers: 0, settings });
      expect(result.models.map((m) => m.model)).toEqual(['dcgan', 'ganMine', 'data']);
      for (const m of result.models) {
        expect(m.modes).toBeGreaterThanOrEqual(1);
        expect(m.modes).toBeLessThanOrEqual(40);
        expect(m.kl).toBeGreaterThanOrEqual(Math.log(1000 / 40) - 1e-9);
        expect(m.samples).toBe(40);
      }
      const [dcgan, ganMine] = result.models;
      expect(dcgan!.iterations).toBe(4);
      expect(dcgan!.mutualInformation).toBeNull();
      expect(ganMine!.mutualInformation).not.toBeNull();
      expect(dcgan!.paper).toEqual({ modes: 99, kl: 3.4 });
      expect(result.runs.every((r) => r.counts.reduce((a, b) => a + b, 0) === 40)).toBe(true);
      const json = JSON.parse(readFileSync(join(out, 'tab1.json'), 'utf8'));
      expect(json.models[1].perSeed[0].modes).toBe(ganMine!.modes);
      expect(readFileSync(join(out, 'tab1.csv'), 'utf8').split('\n')[0]).toBe(
        'model,seed,modes,kl,iterations,seconds,mutualInformation',
      );
      for (const model of ['dcgan', 'ganMine', 'data']) {
        const png = readFileSync(join(out, `tab1-${model}.png`));
        expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
      }
      expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(
        /## Table 1: mode collapse on Stacked MNIST[\s\S]*\| PacGAN \(paper only\)/,
      );
      const again = await run({ out, workers: 0, settings });
      expect(again.models.map((m) => [m.modes, m.kl])).toEqual(
        result.models.map((m) => [m.modes, m.kl]),
      );
      expect(again.timings.wallSeconds).toBeLessThan(result.timings.wallSeconds);
    },
  );

  it('says how to get the classifier when it is missing', async () => {
    process.env.MINE_CACHE_DIR = join(root, 'empty');
    await expect(run({ out, workers: 0, settings })).rejects.toThrow(/pnpm repro classifier/);
    process.env.MINE_CACHE_DIR = cache;
  });
});
