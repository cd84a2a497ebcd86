import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '@tools/plot';
import { afterAll, expect, it } from 'vitest';
import { rebuildReport } from './report.js';

const dir = mkdtempSync(join(tmpdir(), 'repro-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('rebuilds report.md from every experiment JSON, in experiment order, skipping other JSON', async () => {
  await writeFileAtomic(
    join(dir, 'fig2.json'),
    JSON.stringify({ experiment: 'fig2', report: '## Two\n' }),
  );
  await writeFileAtomic(
    join(dir, 'fig10.json'),
    JSON.stringify({ experiment: 'fig10', report: '## Ten\n' }),
  );
  writeFileSync(join(dir, 'fig1.json'), JSON.stringify({ experiment: 'fig1', report: '## One\n' }));
  writeFileSync(
    join(dir, 'other.json'),
    JSON.stringify({ experiment: 'fig3', report: '## Misnamed\n' }),
  );
  writeFileSync(join(dir, 'broken.json'), '{');
  const path = await rebuildReport(dir);
  const text = readFileSync(path, 'utf8');
  expect(text.startsWith('# MINE reproduction report')).toBe(true);
  const order = ['## One', '## Two', '## Ten'].map((h) => text.indexOf(h));
  expect(order.every((i) => i > 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(text).not.toContain('Misnamed');
});
