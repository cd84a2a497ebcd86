// The built main entry must load in a browser bundle: no Node built-in, no backend package.
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

/** Bundles a built entry, every bare import left external; returns what it reaches. */
async function reach(entry: string) {
  const result = await build({
    entryPoints: [`${dist}${entry}`],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
    plugins: [
      {
        name: 'bare-imports-external',
        setup(b) {
          b.onResolve({ filter: /^[^./#]/ }, (args) => ({ path: args.path, external: true }));
        },
      },
    ],
  });
  const meta: Metafile = result.metafile;
  const external = new Set<string>();
  for (const input of Object.values(meta.inputs)) {
    for (const i of input.imports) if (i.external) external.add(i.path);
  }
  return { files: Object.keys(meta.inputs), external, text: result.outputFiles[0]!.text };
}

const NODE_BUILTIN = new Set(builtinModules);
const isNodeBuiltin = (path: string) => path.startsWith('node:') || NODE_BUILTIN.has(path);
const isBackendPackage = (path: string) =>
  /^@tensorflow\/tfjs-(backend-|node)/.test(path) || path === 'webgpu';

describe.skipIf(!existsSync(`${dist}index.js`))('the built main entry (dist/index.js)', () => {
  it('reaches no Node built-in and no backend package, only tfjs-core', async () => {
    const { files, external } = await reach('index.js');
    expect(files.some((f) => f.endsWith('tfjs-gradients.js'))).toBe(true);
    expect([...external].filter(isNodeBuiltin)).toEqual([]);
    expect([...external].filter(isBackendPackage)).toEqual([]);
    expect([...external].sort()).toEqual(['@tensorflow/tfjs-core']);
  });

  it('reads no environment variable and touches no process or temp files', async () => {
    const { text } = await reach('index.js');
    for (const pattern of [/\bprocess\.(env|once|on|exit|versions)\b/, /MINE_BACKEND/, /tmpdir/]) {
      expect(text).not.toMatch(pattern);
    }
  });

  it('the check itself sees what @mine/core/backend loads', async () => {
    const { external } = await reach('backend.js');
    expect([...external].some(isNodeBuiltin)).toBe(true);
    expect([...external].some(isBackendPackage)).toBe(true);
  });
});
