import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { aliIteration, type BenchIteration, ganIteration, parameterMismatches } from './k2-conv.js';

/** Two iterations: finite losses, no tensor left behind by the second, none after dispose. */
async function checkIterations(build: () => BenchIteration) {
  const before = tf.memory().numTensors;
  const bench = build();
  const losses: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < 2; i++) {
    const loss = bench.iteration();
    expect(loss.shape).toEqual([]);
    losses.push((await loss.data())[0]!);
    loss.dispose();
    counts.push(tf.memory().numTensors);
  }
  bench.dispose();
  return { losses, counts, before, after: tf.memory().numTensors };
}

describe('K2 iterations', () => {
  it('ALI (AliTrainer.trainStep): finite losses, tensors flat across iterations, all released', async () => {
    const { losses, counts, before, after } = await checkIterations(() => aliIteration(1 / 16, 0));
    for (const loss of losses) expect(Number.isFinite(loss)).toBe(true);
    // The optimizers make their slots in the first iteration; the second adds nothing.
    expect(counts[1]).toBe(counts[0]);
    expect(after).toBe(before);
  });

  it('DCGAN: finite losses, tensors flat across iterations, all released', async () => {
    const { losses, counts, before, after } = await checkIterations(() => ganIteration(1 / 16, 0));
    for (const loss of losses) expect(Number.isFinite(loss)).toBe(true);
    expect(counts[1]).toBe(counts[0]);
    expect(after).toBe(before);
  });

  it("counts each network's trainable parameters, as the PyTorch reference does", () => {
    const ali = aliIteration(1 / 4, 0);
    const gan = ganIteration(1 / 4, 0);
    try {
      // python3 reference.py k2-ali --width 0.25 / k2 --width 0.25 print these counts.
      expect(ali.parameters).toEqual({ encoder: 189792, decoder: 195697, discriminator: 360033 });
      expect(gan.parameters).toEqual({ generator: 321683, discriminator: 270977 });
    } finally {
      ali.dispose();
      gan.dispose();
    }
  });

  it('names the networks whose counts differ from the reference', () => {
    expect(parameterMismatches({ encoder: 3, decoder: 4 }, { encoder: 3, decoder: 4 })).toEqual([]);
    expect(parameterMismatches({ encoder: 3, decoder: 4 }, { encoder: 3, decoder: 5 })).toEqual([
      'decoder: ours 4, PyTorch 5',
    ]);
    expect(parameterMismatches({ encoder: 3 }, { encoder: 3, critic: 2 })).toEqual([
      'critic: ours none, PyTorch 2',
    ]);
  });
});
