import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import { wasmThreadsWanted } from './wasm-threads.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../..');

interface Probe {
  threads: number;
  messages: string[];
  product: number[];
  losses: number[];
}

// Each probe is its own process: the thread count is fixed when the wasm module starts.
async function probe(threads: number): Promise<Probe> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--conditions=@mine/source',
      '--import',
      'tsx',
      join(here, 'fixtures/threads-probe.ts'),
      `${threads}`,
    ],
    { cwd: repoRoot, timeout: 60_000, env: { ...process.env, MINE_WASM_THREADS: '' } },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Probe;
}

describe('threaded wasm backend', () => {
  it('runs on two threads, gives bitwise the single-thread results, and lets the process exit', async () => {
    const [one, two] = await Promise.all([probe(1), probe(2)]);
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(one.messages).toEqual(['[mine] backend: wasm (1 thread)']);
    expect(two.messages).toEqual(['[mine] backend: wasm (2 threads)']);
    expect(two.product).toEqual(one.product);
    expect(two.losses).toEqual(one.losses);
    expect(one.losses.every(Number.isFinite)).toBe(true);
  });

  it('takes the thread count from the option, then MINE_WASM_THREADS, naming the bad one', async () => {
    expect(await wasmThreadsWanted(3)).toBe(3);
    const saved = process.env.MINE_WASM_THREADS;
    try {
      process.env.MINE_WASM_THREADS = '2';
      expect(await wasmThreadsWanted()).toBe(2);
      process.env.MINE_WASM_THREADS = 'many';
      await expect(wasmThreadsWanted()).rejects.toThrow(/MINE_WASM_THREADS/);
      process.env.MINE_WASM_THREADS = '';
      expect(await wasmThreadsWanted()).toBeGreaterThanOrEqual(1);
    } finally {
      if (saved === undefined) delete process.env.MINE_WASM_THREADS;
      else process.env.MINE_WASM_THREADS = saved;
    }
    await expect(wasmThreadsWanted(0)).rejects.toThrow(InvalidArgumentError);
    await expect(wasmThreadsWanted(9)).rejects.toThrow(/threads.*1 to 8/);
  });
});
