import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GanTrainer } from '@mine/gan';
import { saveCheckpoint } from '@mine/gan/node';
import { afterAll, describe, expect, it } from 'vitest';
import { run as runFig3 } from './fig3.js';
import { run as runFig4, runAblation as runFig4Ablation } from './fig4.js';
import { ablationArms } from './fig34-ablation.js';
import { parseCodePrior } from './fig34-experiment.js';
import {
  type GanSettings,
  type GanTask,
  ganConfigOf,
  pointSetOf,
  runGanTask,
} from './fig34-gan.js';
import { kdeGrid } from './fig34-plots.js';

const out = mkdtempSync(join(tmpdir(), 'repro-fig34-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const tiny: GanSettings = {
  iterations: 12,
  batchSize: 16,
  learningRate: 1e-3,
  beta: 1,
  noiseDim: 4,
  codePrior: { kind: 'uniform', dim: 2 },
  adaptiveClipping: true,
  monitorMutualInformation: false,
  generatorHidden: [16, 16],
  discriminatorHidden: [16, 16, 16],
  statisticsHidden: [16, 16, 16],
  datasetSize: 1000,
  evalSamples: 250,
  logEvery: 4,
  checkpointEvery: 5,
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function expectFigure(name: string) {
  expect(readFileSync(join(out, `${name}.svg`), 'utf8').startsWith('<svg')).toBe(true);
  expect([...readFileSync(join(out, `${name}.png`)).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
}

describe('fig3 / fig4 on tiny configurations', () => {
  it('fig4 (worker thread) writes fig4.json with per-model means and per-seed values', async () => {
    const result = await runFig4({
      out,
      workers: 1,
      config: { seeds: [0, 1], gan: tiny },
    });
    expect(result.workers).toBe(1);
    const json = JSON.parse(readFileSync(join(out, 'fig4.json'), 'utf8'));
    expect(json.experiment).toBe('fig4');
    expect(json.rows).toHaveLength(4);
    for (const model of ['gan', 'ganMine']) {
      const s = json.summary[model];
      expect(s.runs).toBe(2);
      expect(s.modesCovered).toBeGreaterThanOrEqual(0);
      expect(s.modesCovered).toBeLessThanOrEqual(25);
      expect(s.highQualityShare).toBeGreaterThanOrEqual(0);
      expect(s.highQualityShare).toBeLessThanOrEqual(1);
      expect(s.perSeed.map((p: { seed: number }) => p.seed)).toEqual([0, 1]);
      expect(s.sd).toHaveProperty('modesCovered');
      expect(s).toHaveProperty('kl');
    }
    expect(json.summary.gan.mutualInformation).toBeNull();
    expect(Number.isFinite(json.summary.ganMine.mutualInformation)).toBe(true);
    expect(json.rows[0].counts).toHaveLength(25);
    expect(json.verdict.text).toMatch(/GAN\+MINE/);
    // Samples of the data itself cover every mode: the reference row of the table.
    expect(json.reference.modesCovered).toBe(25);
    expect(json.reference.highQualityShare).toBeGreaterThan(0.95);
    expect(json.timings.secondsPerIteration.ganMine).toBeGreaterThan(0);
    // Checkpoints are written during the run and removed when it finishes.
    expect(readdirSync(join(out, 'checkpoints'))).toEqual([]);
    const csv = readFileSync(join(out, 'fig4.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe(
      'model,seed,modesCovered,modesWithAnySample,highQualityShare,kl,mutualInformation,seconds,iterations',
    );
    expect(csv).toHaveLength(5);
    const samples = readFileSync(join(out, 'fig4-samples.csv'), 'utf8').trim().split('\n');
    expect(samples[0]).toBe('model,seed,x,y');
    expect(samples).toHaveLength(1 + 4 * tiny.evalSamples);
    expectFigure('fig4');
    expectFigure('fig4-kde');
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toContain('## Fig. 4: GAN vs GAN+MINE on 25 Gaussians');
    expect(report).toContain('covers the modes the GAN drops');
  });

  it('fig3 (this thread) writes fig3.json with arc coverage and adds its report section', async () => {
    const result = await runFig3({ out, workers: 0, config: { seeds: [3], gan: tiny } });
    expect(result.rows.map((r) => r.model)).toEqual(['gan', 'ganMine']);
    const json = JSON.parse(readFileSync(join(out, 'fig3.json'), 'utf8'));
    expect(json.summary.gan.coveredShare).toBeGreaterThanOrEqual(0);
    expect(json.summary.ganMine.coveredShare).toBeLessThanOrEqual(1);
    expect(json.rows[0].counts).toHaveLength(50);
    expectFigure('fig3');
    expectFigure('fig3-kde');
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report.indexOf('## Fig. 3')).toBeLessThan(report.indexOf('## Fig. 4'));
    expect(existsSync(join(out, 'fig3.csv'))).toBe(true);
  });

  it('a run resumes from its checkpoint and gives the samples of an uninterrupted run', async () => {
    const task: GanTask = {
      id: 0,
      dataset: { kind: 'twenty-five-gaussians', std: 0.05, spacing: 1 },
      model: 'ganMine',
      seed: 4,
      settings: { ...tiny, checkpointEvery: 0 },
      checkpoint: join(out, 'resume', 'run.ckpt'),
    };
    const whole = await runGanTask({ ...task, checkpoint: undefined }, 'wasm');
    // An interrupted run: 5 iterations, then its checkpoint on disk.
    const data = pointSetOf(task.dataset).dataset(tiny.datasetSize, 0);
    const partial = new GanTrainer({ ...ganConfigOf(task), dataDim: 2, data });
    await partial.train({ iterations: 5 });
    await saveCheckpoint(task.checkpoint!, await partial.checkpoint());
    partial.dispose();
    const resumed = await runGanTask(task, 'wasm');
    expect(resumed.resumedFrom).toBe(5);
    expect(Buffer.from(resumed.points.buffer)).toEqual(Buffer.from(whole.points.buffer));
    expect(existsSync(task.checkpoint!)).toBe(false); // removed once the run finished
  });

  it('fig4 --ablation runs every arm and writes its table, I(G; c) history and figures', async () => {
    const arms = ablationArms([
      { kind: 'categorical', classes: 5 },
      { kind: 'uniform', dim: 2 },
    ]);
    expect(arms.map((a) => a.id)).toEqual([
      'categorical5-beta0',
      'categorical5-beta1-clip',
      'categorical5-beta1-noclip',
      'uniform2-beta0',
      'uniform2-beta1-clip',
      'uniform2-beta1-noclip',
    ]);
    const result = await runFig4Ablation({
      out,
      workers: 0,
      spacing: 2,
      config: {
        seeds: [0],
        arms,
        gan: { ...tiny, monitorMutualInformation: true, checkpointEvery: 0 },
      },
    });
    expect(result.experiment).toBe('fig4-ablation');
    expect(result.config.dataset).toEqual({ kind: 'twenty-five-gaussians', std: 0.05, spacing: 2 });
    expect(result.summary.map((s) => s.arm)).toEqual(arms.map((a) => a.id));
    // Every arm trains a statistics network, so the GAN's I(G; c) is logged too.
    for (const s of result.summary) expect(Number.isFinite(s.mutualInformation)).toBe(true);
    expect(result.summary[0]!.informationCeiling).toBeCloseTo(Math.log(5), 12);
    expect(result.summary[3]!.informationCeiling).toBe(Number.POSITIVE_INFINITY);
    expect(result.summary[0]!.clipActiveShare).toBeNull();
    expect(result.summary[1]!.clipActiveShare).not.toBeNull();
    // Logged at iterations 4, 8, 12 for each of the six arms.
    expect(result.history).toHaveLength(18);
    const csv = readFileSync(join(out, 'fig4-ablation.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(7);
    expect(readFileSync(join(out, 'fig4-ablation-history.csv'), 'utf8')).toContain(
      'arm,step,mutualInformation',
    );
    expectFigure('fig4-ablation');
    expectFigure('fig4-ablation-samples');
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toContain('ablation of the code prior, β and the Eq. 21 clip');
    expect(report).toContain('grid spacing 2');
  });

  it('parses --code and names bad values', () => {
    expect(parseCodePrior('categorical:25')).toEqual({ kind: 'categorical', classes: 25 });
    expect(parseCodePrior('uniform:2')).toEqual({ kind: 'uniform', dim: 2 });
    expect(parseCodePrior('mixed:10+2')).toEqual({ kind: 'mixed', classes: 10, dim: 2 });
    expect(parseCodePrior('categoricals:3x10')).toEqual({
      kind: 'categoricals',
      codes: 3,
      classes: 10,
    });
    for (const bad of ['categorical:1', 'uniform', 'mixed:10', 'uniform:2+1', 'beta:2']) {
      expect(() => parseCodePrior(bad)).toThrow(/--code/);
    }
  });

  it('kdeGrid peaks where the points are', () => {
    const cells = kdeGrid(Float32Array.from([1, 1, 1, 1.02]), [-2, 2], 20, 0.1);
    expect(cells).toHaveLength(400);
    const top = cells.reduce((a, b) => (b.density > a.density ? b : a));
    expect(top.density).toBe(1);
    expect(top.x).toBeLessThanOrEqual(1);
    expect(top.x2).toBeGreaterThanOrEqual(1);
  });
});
