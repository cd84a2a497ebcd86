import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadClassifier, saveClassifier } from './classifier-cache.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mine-classifier-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const info = { testAccuracy: 0.5, epochs: 1, seed: 0, trainSeconds: 1, backend: 'test' };

describe('classifier cache', () => {
  it('saves with tfjs io, verifies the sha256 on load and gives the same predictions', async () => {
    const model = tfl.sequential({
      layers: [tfl.layers.dense({ inputShape: [3], units: 2, activation: 'softmax' })],
    });
    const meta = await saveClassifier(model, dir, info);
    expect(meta.sha256.weights).toMatch(/^[0-9a-f]{64}$/);
    expect(
      JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')).weightsManifest[0].paths,
    ).toEqual(['weights.bin']);
    const loaded = await loadClassifier(dir);
    expect(loaded.model).not.toBeNull();
    const x = tf.tensor2d([[1, 2, 3]]);
    const a = (model.predict(x) as tf.Tensor).arraySync();
    const b = (loaded.model!.predict(x) as tf.Tensor).arraySync();
    expect(b).toEqual(a);
    tf.dispose([x]);
    loaded.model!.dispose();
    model.dispose();
  });

  it('reports a corrupt or missing file instead of loading it', async () => {
    const weights = join(dir, 'weights.bin');
    const bytes = await readFile(weights);
    bytes[0] = bytes[0]! ^ 0xff;
    await writeFile(weights, bytes);
    const corrupt = await loadClassifier(dir);
    expect(corrupt.model).toBeNull();
    expect((corrupt as { reason: string }).reason).toMatch(/weights.bin does not match its sha256/);
    await rm(join(dir, 'meta.json'));
    expect(((await loadClassifier(dir)) as { reason: string }).reason).toMatch(
      /meta.json is missing/,
    );
  });
});
