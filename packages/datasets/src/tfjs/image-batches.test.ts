import { selectBackend } from '@mine/core/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageSet } from '../images/image-set.js';
import { batchesPerEpoch, imageBatches } from './image-batches.js';

// @mine/datasets' tests run without the shared tfjs set-up; this file selects the default backend.
beforeAll(async () => {
  await selectBackend(process.env.MINE_BACKEND ?? 'auto', { quiet: true });
});

// 250 one-pixel-row "images" of 4 pixels whose value is the index mod 256; label = index mod 10.
const set: ImageSet = {
  count: 250,
  height: 2,
  width: 2,
  channels: 1,
  images: Uint8Array.from({ length: 1000 }, (_, i) => Math.floor(i / 4) % 256),
  labels: Uint8Array.from({ length: 250 }, (_, i) => i % 10),
  classes: 10,
};

async function epochRows(seed: number | null, skipBatches = 0): Promise<number[]> {
  const rows: number[] = [];
  await imageBatches(set, { batchSize: 32, seed, range: [0, 255], skipBatches }).forEachAsync(
    (b) => {
      const xs = b.xs.arraySync() as number[][];
      const ys = tf.tidy(() => tf.argMax(b.ys, 1).arraySync()) as number[];
      xs.forEach((x, i) => {
        expect(ys[i]).toBe(x[0]! % 10);
        rows.push(x[0]!);
      });
      tf.dispose(b);
    },
  );
  return rows;
}

describe('imageBatches', () => {
  it('visits every image once per epoch, in a seeded shuffled order', async () => {
    const a = await epochRows(1);
    expect(a.length).toBe(250);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(await epochRows(1)).toEqual(a);
    expect(await epochRows(2)).not.toEqual(a);
    expect(await epochRows(null)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(await epochRows(1, 3)).toEqual(a.slice(96));
    expect(batchesPerEpoch(250, 32)).toBe(8);
  });

  it('gives image-shaped batches and drops the remainder on request', async () => {
    const shapes: number[][] = [];
    await imageBatches(set, { batchSize: 100, layout: 'image', dropRemainder: true }).forEachAsync(
      (b) => {
        shapes.push(b.xs.shape);
        tf.dispose(b);
      },
    );
    expect(shapes).toEqual([
      [100, 2, 2, 1],
      [100, 2, 2, 1],
    ]);
  });

  it('leaks no tensor over an epoch', async () => {
    await epochRows(5);
    const before = tf.memory().numTensors;
    await epochRows(6);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('without prefetch, an iterator left mid-pass holds no tensor', async () => {
    const before = tf.memory().numTensors;
    const it = await imageBatches(set, { batchSize: 32, seed: 3, prefetch: 0 }).iterator();
    const first = await it.next();
    tf.dispose(first.value);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad options by name', () => {
    expect(() => imageBatches(set, { batchSize: 2, prefetch: -1 })).toThrow(/"prefetch"/);
    expect(() => imageBatches(set, { batchSize: 0 })).toThrow(/"batchSize"/);
    expect(() => imageBatches(set, { batchSize: 2, seed: 0.5 })).toThrow(/"seed"/);
  });
});
