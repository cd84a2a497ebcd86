import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeNpy } from '../testing/npy.js';
import { detectFormat, readTable } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'mine-readers-'));
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('readTable', () => {
  it('picks the reader from the extension', () => {
    expect(readTable(file('a.csv', 'a,b\n1,2\n')).format).toBe('csv');
    expect(readTable(file('a.tsv', 'a\tb\n1\t2\n')).names).toEqual(['a', 'b']);
    expect(readTable(file('a.ndjson', '{"a":1}\n')).format).toBe('jsonl');
    expect(readTable(file('a.npy', encodeNpy(Float64Array.from([1, 2]), [1, 2]))).width).toBe(2);
  });

  it('sniffs the content when the extension says nothing', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(detectFormat('data', bytes('{"a":1}\n'))).toBe('jsonl');
    expect(detectFormat('data', bytes('[1,2]\n[3,4]\n'))).toBe('jsonl');
    expect(detectFormat('data', bytes('[\n  [1, 2]\n]'))).toBe('json');
    expect(detectFormat('data.out', bytes('1 2\n3 4\n'))).toBe('txt');
    expect(detectFormat('x.bin', encodeNpy(Float64Array.from([1]), [1, 1]))).toBe('npy');
  });

  it('rejects binary files of unknown type, naming the file', () => {
    const zip = new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]);
    expect(() => readTable(file('sheet.xlsx', zip))).toThrow(/sheet\.xlsx: unknown file type/);
  });

  it('explains missing, empty and directory paths', () => {
    expect(() => readTable(join(dir, 'nope.csv'))).toThrow(/nope\.csv: no such file/);
    expect(() => readTable(file('empty.csv', ''))).toThrow(/empty\.csv: the file is empty/);
    mkdirSync(join(dir, 'folder.csv'));
    expect(() => readTable(join(dir, 'folder.csv'))).toThrow(/is a directory/);
  });

  it('honours a forced format', () => {
    const t = readTable(file('weird.dat', '{"a":1}\n'), { format: 'jsonl' });
    expect(t.names).toEqual(['a']);
  });
});
