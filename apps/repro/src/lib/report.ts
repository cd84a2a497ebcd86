import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@tools/plot';

/** What every experiment JSON carries so that report.md can be rebuilt from the JSONs alone. */
export interface ReportSection {
  experiment: string;
  /** Markdown section, starting with a `## ` heading. */
  report: string;
}

function isSection(value: unknown): value is ReportSection {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ReportSection).experiment === 'string' &&
    typeof (value as ReportSection).report === 'string'
  );
}

/**
 * Rebuilds `report.md` in `dir` from every experiment JSON there (one section each, ordered by
 * experiment name), so running one experiment never drops another's section.
 */
export async function rebuildReport(dir: string): Promise<string> {
  const sections: ReportSection[] = [];
  for (const name of (await readdir(dir)).sort()) {
    if (!name.endsWith('.json')) continue;
    try {
      const value: unknown = JSON.parse(await readFile(join(dir, name), 'utf8'));
      if (isSection(value) && `${value.experiment}.json` === name) sections.push(value);
    } catch {
      // Not an experiment result (or being replaced right now): skip it.
    }
  }
  sections.sort((a, b) => a.experiment.localeCompare(b.experiment, 'en', { numeric: true }));
  const text = [
    '# MINE reproduction report',
    '',
    'Written by `apps/repro` (`pnpm repro <experiment>`); rebuilt from the experiment JSON files in',
    'this folder each time an experiment runs. Mutual information is in nats. The paper is',
    'Belghazi et al., "Mutual Information Neural Estimation", ICML 2018.',
    '',
    ...sections.map((s) => s.report.trimEnd() + '\n'),
  ].join('\n');
  const path = join(dir, 'report.md');
  await writeFileAtomic(path, text);
  return path;
}
