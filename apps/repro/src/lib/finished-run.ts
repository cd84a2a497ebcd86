import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@tools/plot';

/**
 * A finished run of a resumable experiment (tab1-tab3) is kept as JSON beside the settings it
 * ran with, and reused by a later call with the same settings: `run` as it was written, or null
 * when the file is missing, unreadable or of other settings.
 */
export async function readFinishedRun<T>(path: string, settings: unknown): Promise<T | null> {
  if (!existsSync(path)) return null;
  try {
    const saved = JSON.parse(await readFile(path, 'utf8')) as { settings: unknown };
    if (JSON.stringify(saved.settings) !== JSON.stringify(settings)) return null;
    const { settings: _, ...run } = saved;
    return run as T;
  } catch {
    return null;
  }
}

/** Writes a finished run with its settings, atomically (see `readFinishedRun`). */
export function writeFinishedRun(path: string, settings: unknown, run: object): Promise<void> {
  return writeFileAtomic(path, JSON.stringify({ settings, ...run }));
}
