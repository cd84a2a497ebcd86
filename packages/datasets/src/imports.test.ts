import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Library code stays browser-safe and tfjs-free: samplers return typed arrays.
const libraryFiles = readdirSync(import.meta.dirname, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'test-utils.ts')
  .map((f) => join(import.meta.dirname, f));

describe('imports', () => {
  it('library files import neither tfjs nor node built-ins', () => {
    expect(libraryFiles.length).toBeGreaterThan(10);
    for (const file of libraryFiles) {
      const source = readFileSync(file, 'utf8');
      const specifiers = [...source.matchAll(/from\s+'([^']+)'|import\(\s*'([^']+)'/g)].map(
        (m) => m[1] ?? m[2],
      );
      for (const s of specifiers) {
        expect(s, file).not.toMatch(/^@tensorflow\//);
        expect(s, file).not.toMatch(/^node:/);
        expect(
          ['@mine/core', '.'].some((p) => s!.startsWith(p)),
          `${file}: ${s}`,
        ).toBe(true);
      }
    }
  });
});
