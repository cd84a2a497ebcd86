import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../..');

describe('training on the backend the user chose', () => {
  it('without a backend fails saying how to pick one; after tf.setBackend("wasm") trains with the kernel fixes and tfjs-core gradients', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--conditions=@mine/source',
        '--import',
        'tsx',
        join(here, 'fixtures/user-backend-probe.ts'),
      ],
      { cwd: repoRoot, timeout: 120_000, env: { ...process.env, MINE_WASM_THREADS: '1' } },
    );
    const probe = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(probe.noBackend.name).toBe('NoBackendError');
    expect(probe.noBackend.message).toMatch(
      /selectBackend\('auto'\).*@mine\/core\/backend.*tf\.setBackend/,
    );
    expect(probe.fixesBeforeTraining).toBe(false);
    expect(probe.fixesWhenTrainingStarts).toBe(true);
    expect(probe.estimate).toEqual({ backend: 'wasm', finite: true });
    expect(probe.gradient).toEqual([2, 4]);
  });
});
