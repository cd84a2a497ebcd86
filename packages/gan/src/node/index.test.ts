import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GanTrainer } from '../gan-trainer.js';
import { loadCheckpoint, saveCheckpoint } from './index.js';

const dir = await mkdtemp(join(tmpdir(), 'mine-gan-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('saveCheckpoint / loadCheckpoint', () => {
  it('writes atomically (no temporary file left) and reads back what the trainer saved', async () => {
    const data = new Float32Array(200).map((_, i) => Math.sin(i));
    const trainer = new GanTrainer({
      data,
      dataDim: 2,
      batchSize: 8,
      generatorHidden: [8],
      discriminatorHidden: [8],
      statisticsHidden: [8],
    });
    await trainer.train({ iterations: 3 });
    const checkpoint = await trainer.checkpoint();
    const path = join(dir, 'runs', 'run.ckpt'); // parent folders are created
    await saveCheckpoint(path, checkpoint);
    await saveCheckpoint(path, checkpoint); // overwriting an existing file is atomic too
    expect(await readdir(join(dir, 'runs'))).toEqual(['run.ckpt']);
    const loaded = await loadCheckpoint(path);
    expect(loaded).toEqual(checkpoint);
    const restored = await GanTrainer.restore(loaded as typeof checkpoint, { data });
    expect(restored.step).toBe(3);
    restored.dispose();
    trainer.dispose();
  });
});
