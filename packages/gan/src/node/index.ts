// Node-only helpers: write and read checkpoints as files. The rest of @mine/gan runs anywhere.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { decodeCheckpoint, encodeCheckpoint, type GanCheckpoint } from '../checkpoint.js';

/**
 * Writes a checkpoint atomically: to a temporary file beside `path`, flushed to disk, then renamed
 * over `path`, so a crash leaves either the old file or the new one, never half of one. Creates
 * the parent folders.
 */
export async function saveCheckpoint(path: string, checkpoint: GanCheckpoint): Promise<void> {
  const bytes = encodeCheckpoint(checkpoint);
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Reads a checkpoint written by `saveCheckpoint`. */
export async function loadCheckpoint<Config = unknown>(
  path: string,
): Promise<GanCheckpoint<Config>> {
  return decodeCheckpoint<Config>(new Uint8Array(await readFile(path)));
}
