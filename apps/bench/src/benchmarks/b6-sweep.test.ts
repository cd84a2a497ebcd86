import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { quickTasks, run, sweepTasks, targeted } from './b6-sweep.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  delete process.env.B6_ESTIMATORS;
});

describe('B6 accuracy sweep', () => {
  it('names every task once; Gaussians hit their target MI; quick is a subset', () => {
    const tasks = sweepTasks();
    const names = tasks.map((t) => t.sampler.name);
    expect(new Set(names).size).toBe(names.length);
    const gaussians = tasks.filter((t) => t.family === 'gaussian');
    expect(new Set(gaussians.map((t) => t.dim))).toEqual(new Set([1, 5, 10, 20]));
    for (const t of gaussians) {
      const mi = Number(t.sampler.name.split('-mi')[1]);
      expect(t.sampler.mutualInformation()).toBeCloseTo(mi, 6);
    }
    expect(tasks.some((t) => t.family === 'curved')).toBe(true);
    expect(tasks.some((t) => t.family === 'heavy-tail')).toBe(true);
    for (const t of quickTasks()) expect(names).toContain(t.sampler.name);
    // The target leaves out only the Gaussians above 7 nats.
    const left = tasks.filter((t) => !targeted(t)).map((t) => t.sampler.name);
    expect(left).toEqual([
      'gaussian-d1-mi10',
      'gaussian-d5-mi10',
      'gaussian-d10-mi10',
      'gaussian-d20-mi10',
    ]);
  });

  it('runs quick with the Gaussian estimator, writes the chart, and resumes from its log', async () => {
    const out = await mkdtemp(join(tmpdir(), 'mine-b6-'));
    dirs.push(out);
    process.env.B6_ESTIMATORS = 'gaussian';
    const options = { quick: true, seed: 0, backend: 'wasm', out, log: () => {} };
    const first = await run(options);
    expect(first.rows).toHaveLength(quickTasks().length);
    const d5 = first.rows.find((r) => r.task === 'gaussian-d5-mi1')!;
    // The Gaussian estimator is exact on Gaussians up to sampling error.
    expect(d5.pass).toBe(true);
    expect(first.summary[0]).toMatchObject({ estimator: 'gaussian', tasks: 5 });
    expect(first.chart).toBeDefined();
    const log = await readFile(join(out, 'B6.partial.jsonl'), 'utf8');
    expect(log.trim().split('\n')).toHaveLength(5);
    const logs: string[] = [];
    const second = await run({ ...options, log: (m) => logs.push(m) });
    // Every row came from the log: nothing was estimated again.
    expect(logs).toEqual([]);
    expect(second.rows).toEqual(first.rows);
  });

  it('names B6_ESTIMATORS when it lists an unknown estimator', async () => {
    process.env.B6_ESTIMATORS = 'mine,nope';
    const options = { quick: true, seed: 0, backend: 'wasm', out: tmpdir(), log: () => {} };
    await expect(run(options)).rejects.toThrow(/B6_ESTIMATORS/);
  });
});
