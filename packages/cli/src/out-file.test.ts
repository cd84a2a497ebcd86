import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { removePending } from './cleanup.js';
import { checkOut, writeFileAtomic } from './out-file.js';

// rename can be made to hang, to stand for a process stopped in the middle of a write.
const hang = vi.hoisted(() => ({ rename: false, reached: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    rename: (from: string, to: string) => {
      if (!hang.rename) return actual.rename(from, to);
      hang.reached = true;
      return new Promise<void>(() => {});
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), 'mine-out-'));
const at = (...parts: string[]) => join(dir, ...parts);
writeFileSync(at('data.csv'), 'a,b\n1,2\n');

describe('checkOut', () => {
  it('accepts a path in new folders and leaves the file system as it was', () => {
    checkOut(at('new', 'a', 'b', 'r.json'), [at('data.csv')]);
    expect(existsSync(at('new'))).toBe(false);
    checkOut(at('r.json'), [at('data.csv')]);
    expect(readdirSync(dir)).toEqual(['data.csv']);
  });

  it('refuses the input file, by any path to it', () => {
    linkSync(at('data.csv'), at('same.csv'));
    for (const out of [at('data.csv'), `${dir}/./data.csv`, at('same.csv')]) {
      expect(() => checkOut(out, [at('data.csv')])).toThrow(
        /is the input file .*data\.csv; the result would replace your data/,
      );
    }
    expect(readFileSync(at('data.csv'), 'utf8')).toBe('a,b\n1,2\n');
  });

  it('refuses a folder, a device, and a path through a file', () => {
    expect(() => checkOut(dir, [])).toThrow(/is a directory/);
    expect(() => checkOut('/dev/null', [])).toThrow(/is not a regular file/);
    expect(() => checkOut(at('data.csv', 'r.json'), [])).toThrow(
      /cannot write to .*data\.csv \(ENOTDIR\)/,
    );
  });

  it.runIf(existsSync('/proc/self'))('fails at once where folders cannot be made (/proc)', () => {
    expect(() => checkOut('/proc/mine-nope/r.json', [])).toThrow(
      /--out \/proc\/mine-nope\/r\.json: cannot create the folder \/proc\/mine-nope \(ENOENT\)/,
    );
    expect(() => checkOut('/proc/r.json', [])).toThrow(/cannot write to \/proc \(E[A-Z]+\)/);
  });
});

describe('writeFileAtomic', () => {
  it('writes through a temporary file, creating folders', async () => {
    await writeFileAtomic(at('w', 'x', 'r.json'), '{"mi":1}\n');
    expect(readFileSync(at('w', 'x', 'r.json'), 'utf8')).toBe('{"mi":1}\n');
    expect(readdirSync(at('w', 'x'))).toEqual(['r.json']);
  });

  it('leaves neither the temporary file nor new folders when the process ends mid-write', async () => {
    hang.rename = true;
    try {
      void writeFileAtomic(at('stopped', 'r.json'), 'x'.repeat(1000)).catch(() => {});
      // Wait until the temporary file is written and the rename is pending.
      for (let i = 0; i < 400 && !hang.reached; i++) await new Promise((r) => setTimeout(r, 5));
      expect(readdirSync(at('stopped'))[0]).toMatch(/^\.r\.json\.\d+\.[0-9a-f]+\.tmp$/);
      removePending(); // what process.on('exit') runs
      expect(existsSync(at('stopped'))).toBe(false);
    } finally {
      hang.rename = false;
    }
  });

  it('removes the folders it made when the write fails', async () => {
    mkdirSync(at('blocked'));
    writeFileSync(at('blocked', 'file'), '');
    await expect(writeFileAtomic(at('blocked', 'file', 'deeper', 'r.json'), '')).rejects.toThrow();
    expect(readdirSync(at('blocked'))).toEqual(['file']);
  });
});
