import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from '@mine/core';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCHMARKS } from './benchmarks/index.js';
import { findBenchmarks, runBenchmarks } from './runner.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('bench runner', () => {
  it('registers benchmarks with unique ids, titles and run functions', () => {
    const ids = BENCHMARKS.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const b of BENCHMARKS) {
      expect(b.id).toMatch(/^[A-Z]\d+$/);
      expect(b.title.length).toBeGreaterThan(0);
      expect(typeof b.run).toBe('function');
    }
  });

  it('finds ids case-insensitively, "all", and names the choices for unknown ones', () => {
    expect(findBenchmarks(['k1']).map((b) => b.id)).toEqual(['K1']);
    expect(findBenchmarks(['all'])).toEqual([...BENCHMARKS]);
    expect(() => findBenchmarks(['Z9'])).toThrow(InvalidArgumentError);
    expect(() => findBenchmarks(['Z9'])).toThrow(/Should be one of: K1/);
  });

  it('runs K1 quick: one JSON object on stdout, <ID>.json and .md written', async () => {
    const out = await mkdtemp(join(tmpdir(), 'mine-bench-'));
    dirs.push(out);
    const stdout: string[] = [];
    const logs: string[] = [];
    const [record] = await runBenchmarks({
      ids: ['K1'],
      quick: true,
      json: true,
      out,
      backend: 'wasm',
      seed: 3,
      stdout: (text) => stdout.push(text),
      log: (message) => logs.push(message),
    });

    const printed = stdout.join('');
    expect(printed.trim().split('\n')).toHaveLength(1);
    const parsed = JSON.parse(printed);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(record)));
    expect(parsed).toMatchObject({
      id: 'K1',
      config: { quick: true, seed: 3, backend: 'wasm' },
      environment: { backend: 'wasm', node: process.version, tfjs: '4.22.0' },
    });
    expect(Number.isNaN(Date.parse(parsed.timestamp))).toBe(false);
    expect(Object.keys(parsed.results)).toEqual(['config', 'matMul', 'convKernels', 'convCritic']);
    expect(parsed.results.matMul).toHaveLength(10);
    expect(Object.keys(parsed.results.matMul[0])).toEqual([
      'size',
      'form',
      'beforeMs',
      'afterMs',
      'afterMinMs',
      'ratioBefore',
      'ratioAfter',
      'ratioAfterMin',
      'speedup',
      'meetsTarget',
    ]);
    expect(parsed.results.convCritic).toMatchObject({ batch: 2, tensorsLeakedPerStep: 0 });
    expect(parsed.results.convCritic.msPerStep).toBeGreaterThan(0);

    expect((await readdir(out)).sort()).toEqual(['K1.json', 'K1.md']);
    expect(JSON.parse(await readFile(join(out, 'K1.json'), 'utf8'))).toEqual(parsed);
    const markdown = await readFile(join(out, 'K1.md'), 'utf8');
    expect(markdown).toMatch(/^# K1: /);
    expect(markdown).toContain('| size | form | beforeMs |');
    expect(logs.some((m) => m.includes('K1'))).toBe(true);
  });
});
