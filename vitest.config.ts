import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// One project per package/app. Tests run from source through the "@mine/source" export condition,
// on the backend users get by default (see tools/test-utils/setup.ts).
const slow = process.env.MINE_SLOW === '1';
// Packages that never touch tfjs skip the backend set-up (loading wasm costs each test file time).
const tfjsFree = new Set(['packages/datasets', 'packages/metrics']);
const roots = ['packages', 'apps'].flatMap((group) =>
  existsSync(group) ? readdirSync(group).map((name) => join(group, name)) : [],
);

export default defineConfig({
  resolve: { conditions: ['@mine/source'] },
  ssr: { resolve: { conditions: ['@mine/source'] } },
  test: {
    // Test files run in parallel, one per core: each wasm backend (and each CLI the tests start)
    // keeps to one thread unless MINE_WASM_THREADS says otherwise.
    env: { MINE_WASM_THREADS: process.env.MINE_WASM_THREADS || '1' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: roots
      .filter((root) => existsSync(join(root, 'src')))
      .map((root) => ({
        extends: true,
        test: {
          name: root.split('/')[1],
          root,
          include: ['src/**/*.test.ts'],
          exclude: slow ? [] : ['src/**/*.slow.test.ts'],
          setupFiles: tfjsFree.has(root)
            ? []
            : [join(import.meta.dirname, 'tools/test-utils/setup.ts')],
        },
      })),
  },
});
