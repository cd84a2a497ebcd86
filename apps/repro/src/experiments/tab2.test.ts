import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digitClassifier } from '@mine/nets/classifier';
import { afterAll, describe, expect, it } from 'vitest';
import { saveClassifier } from '../lib/classifier-cache.js';
import { run } from './tab2.js';

const out = mkdtempSync(join(tmpdir(), 'repro-tab2-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// Tiny networks (width 1/32: 2-4-8 maps, codes of 4), 3 iterations, scored on 100 test images by
// an untrained classifier (the cache's format, not its accuracy, is what this run needs).
const classifierDir = join(out, 'classifier');
const settings = {
  width: 1 / 32,
  codeDim: 4,
  iterations: 3,
  batchSize: 8,
  trainImages: 200,
  testImages: 100,
  logEvery: 1,
  checkpointEvery: 2,
  classifierDir,
};

describe('tab2 on a tiny configuration', () => {
  it(
    'trains the four models, writes tab2.json / csv / svg / png and reuses finished runs',
    { timeout: 300_000 },
    async () => {
      await expect(run({ out, workers: 0, settings })).rejects.toThrow(/pnpm repro classifier/);
      const model = digitClassifier({ seed: 1 });
      await saveClassifier(model, classifierDir, {
        testAccuracy: 0.1,
        epochs: 0,
        seed: 1,
        trainSeconds: 0,
        backend: 'test',
      });
      model.dispose();
      const result = await run({ out, workers: 0, settings });
      expect(result.models.map((m) => m.model)).toEqual([
        'ali',
        'alice-l2',
        'alice-adv',
        'ali-mine',
      ]);
      for (const m of result.models) {
        expect(m.iterations).toBe(3);
        // Untrained decoders: reconstructions far from the images, MS-SSIM well below 1.
        expect(m.reconError).toBeGreaterThan(5);
        expect(m.reconAccuracy).toBeGreaterThanOrEqual(0);
        expect(m.reconAccuracy).toBeLessThanOrEqual(1);
        expect(m.msSsim).toBeLessThan(0.9);
        expect(m.seconds).toBeGreaterThan(0);
      }
      expect(result.models[0]!.paper.reconError).toBe(14.24);
      expect(result.curves.filter((c) => c.model === 'ali-mine').length).toBe(3);
      expect(result.curves.find((c) => c.model === 'ali-mine')!.mutualInformation).not.toBeNull();
      const json = JSON.parse(readFileSync(join(out, 'tab2.json'), 'utf8'));
      expect(json.models[3].paper.reconAccuracy).toBe(0.961);
      expect(readFileSync(join(out, 'tab2.csv'), 'utf8').split('\n')[0]).toBe(
        'model,step,discriminatorLoss,generatorLoss,reconstructionLoss,mutualInformation',
      );
      expect(readFileSync(join(out, 'tab2.svg'), 'utf8').startsWith('<svg')).toBe(true);
      expect(readFileSync(join(out, 'tab2.png')).subarray(1, 4).toString()).toBe('PNG');
      const report = readFileSync(join(out, 'report.md'), 'utf8');
      expect(report).toMatch(/## Table 2: ALI, ALICE and ALI\+MINE/);
      expect(report).toMatch(/CelebA rows of Table 2 stay on paper/);
      // Checkpoints are removed once a run finishes.
      expect(existsSync(join(out, 'tab2-runs', 'ali-s0.ckpt'))).toBe(false);
      const again = await run({ out, workers: 0, settings });
      expect(again.models.map((m) => m.reconError)).toEqual(result.models.map((m) => m.reconError));
      expect(again.timings.wallSeconds).toBeLessThan(result.timings.wallSeconds);
    },
  );
});
