import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// The main entry's code stays browser-safe and tfjs-free (samplers return typed arrays); Node's
// file access lives only in the `./node` subpath (with the pure-JS image decoders of the image
// folder loader), tfjs only in `./tfjs`.
const files = readdirSync(import.meta.dirname, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'test-utils.ts')
  .map((f) => ({ relative: f, path: join(import.meta.dirname, f) }));

const specifiers = (path: string) =>
  [...readFileSync(path, 'utf8').matchAll(/from\s+'([^']+)'|import\(\s*'([^']+)'/g)].map(
    (m) => (m[1] ?? m[2])!,
  );

describe('imports', () => {
  it('library files import neither tfjs nor node built-ins, except in their subpaths', () => {
    expect(files.length).toBeGreaterThan(10);
    for (const { relative, path } of files) {
      const inNode = relative.startsWith(`node${sep}`);
      const inTfjs = relative.startsWith(`tfjs${sep}`);
      for (const s of specifiers(path)) {
        if (!inTfjs) expect(s, path).not.toMatch(/^@tensorflow\//);
        if (!inNode) expect(s, path).not.toMatch(/^node:/);
        const allowed = [
          '@mine/core',
          '.',
          ...(inNode ? ['node:', 'jpeg-js', 'pngjs'] : []),
          ...(inTfjs ? ['@tensorflow/'] : []),
        ];
        expect(
          allowed.some((p) => s.startsWith(p)),
          `${path}: ${s}`,
        ).toBe(true);
      }
    }
  });

  it('the main entry never reaches the node or tfjs subpaths', () => {
    for (const { relative, path } of files) {
      if (relative.startsWith(`node${sep}`) || relative.startsWith(`tfjs${sep}`)) continue;
      for (const s of specifiers(path)) expect(s, path).not.toMatch(/^\.{1,2}\/(node|tfjs)\//);
    }
  });
});
