import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { release, trackFile, trackFolder } from './cleanup.js';
import { InputError } from './errors.js';

function code(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

/** stat, or undefined where nothing is (ENOENT, or ENOTDIR: a file on the way). */
function lookup(path: string) {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    if (code(error) === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** Why a folder for --out cannot be had, as the end of a message. */
class FolderError extends Error {
  constructor(readonly problem: string) {
    super(problem);
  }
}

function tempName(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
}

/**
 * Creates the missing folders above `path`, top down, one `mkdir` each (a recursive mkdir loops
 * forever where the kernel answers ENOENT for any name, as in /proc). Each is tracked for removal
 * on exit until released. Returns the folders created, top first.
 */
function createFolders(dir: string): string[] {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    const stat = lookup(at);
    if (stat) {
      if (!stat.isDirectory()) throw new FolderError(`cannot write to ${at} (ENOTDIR)`);
      break;
    }
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  const created: string[] = [];
  try {
    for (const folder of missing) {
      mkdirSync(folder);
      trackFolder(folder);
      created.push(folder);
    }
  } catch (error) {
    removeFolders(created);
    const folder = missing[created.length]!;
    throw new FolderError(`cannot create the folder ${folder} (${code(error)})`);
  }
  return created;
}

function removeFolders(created: readonly string[]): void {
  for (const folder of [...created].reverse()) {
    try {
      rmdirSync(folder);
    } catch {
      // Not empty or gone: leave it.
    }
    release(folder);
  }
}

/**
 * Checks, before any work, that the JSON result can be written to `out`: not an input file, not
 * a folder or a device, and its folder can be created and written (tried for real: a probe file
 * is created and removed, and so are the folders made for it). Leaves the file system as it was.
 */
export function checkOut(out: string, inputs: readonly string[]): void {
  const path = resolve(out);
  const fail = (problem: string) => new InputError(`--out ${out}: ${problem}`);
  const target = lookup(path);
  if (target) {
    if (target.isDirectory()) throw fail('is a directory');
    for (const input of inputs) {
      const source = lookup(resolve(input));
      if (source && source.dev === target.dev && source.ino === target.ino) {
        throw fail(
          `is the input file ${input}; the result would replace your data, write it elsewhere`,
        );
      }
    }
    if (!target.isFile()) throw fail('is not a regular file (--json prints the result on stdout)');
  }
  let created: string[] = [];
  try {
    created = createFolders(dirname(path));
    const probe = tempName(path);
    trackFile(probe);
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
    release(probe);
  } catch (error) {
    throw fail(
      error instanceof FolderError
        ? error.problem
        : `cannot write to ${dirname(path)} (${code(error)})`,
    );
  } finally {
    removeFolders(created);
  }
}

/**
 * Writes `text` to `path` atomically: a temporary file in the same folder, flushed, then renamed
 * over the target, so readers never see a half-written file. Missing folders are created; the
 * temporary file (and folders that end up empty) are removed on failure and on exit.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const created = createFolders(dirname(path));
  const tmp = tempName(path);
  trackFile(tmp);
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => {});
    release(tmp);
    removeFolders(created);
    throw error;
  }
  release(tmp);
  for (const folder of created) release(folder);
}

/** {@link writeFileAtomic} for --out, with its errors as one-line input errors (exit 2). */
export async function writeOut(out: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(resolve(out), text);
  } catch (error) {
    const problem =
      error instanceof FolderError ? error.problem : `cannot write the result (${code(error)})`;
    throw new InputError(`--out ${out}: ${problem}`, { cause: error });
  }
}
