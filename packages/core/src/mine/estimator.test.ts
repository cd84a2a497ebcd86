import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { concatCritic } from '../critics/concat-critic.js';
import { separableCritic } from '../critics/separable-critic.js';
import { OBJECTIVES } from '../objectives/objectives.js';
import { createRng } from '../random.js';
import { correlatedGaussianSample } from '../testing/index.js';
import { MineEstimator } from './estimator.js';

function correlated(n: number, d: number, rho: number, seed: number) {
  const { x, z } = correlatedGaussianSample(n, d, rho, seed, 'float32');
  return { x: tf.tensor2d(x.data, x.shape), z: tf.tensor2d(z.data, z.shape) };
}

describe('MineEstimator', () => {
  it.each(
    OBJECTIVES.map((o) => o.name),
  )('%s: numTensors stays flat over 200 steps', (objective) => {
    const critic =
      objective === 'infonce'
        ? separableCritic({ xDim: 2, zDim: 2, hidden: [16], embedding: 8 })
        : concatCritic({ xDim: 2, zDim: 2, hidden: [16, 16] });
    const estimator = new MineEstimator(critic, { objective, negatives: 2 });
    const { x, z } = correlated(64, 2, 0.8, 1);
    estimator.step(x, z).dispose(); // Adam allocates its slots on the first step
    const before = tf.memory().numTensors;
    for (let i = 0; i < 200; i++) estimator.step(x, z).dispose();
    estimator.evaluate(x, z).dispose();
    expect(tf.memory().numTensors).toBe(before);
    estimator.dispose();
    x.dispose();
    z.dispose();
  });

  it.each(
    OBJECTIVES.filter((o) => o.scores === 'pairs').map((o) => o.name),
  )('%s: the hand-written backward pass trains exactly like the autodiff one', (objective) => {
    const { x, z } = correlated(64, 3, 0.7, 4);
    const run = (fusedBackward: boolean) => {
      const critic = concatCritic({ xDim: 3, zDim: 3, hidden: [32, 24], seed: 5 });
      const estimator = new MineEstimator(critic, {
        objective,
        negatives: 2,
        seed: 6,
        // Plain SGD: Adam's first steps move every weight by ±lr whatever the gradient's size,
        // so rounding noise in near-zero gradients would show up as full-size differences.
        optimizer: tf.train.sgd(0.05),
        fusedBackward,
      });
      const losses: number[] = [];
      for (let i = 0; i < 20; i++) {
        const loss = estimator.step(x, z);
        losses.push(loss.dataSync()[0]!);
        loss.dispose();
      }
      const weights = critic.trainableVariables.map((v) => Array.from(v.dataSync()));
      estimator.dispose();
      return { losses, weights };
    };
    const fused = run(true);
    const tape = run(false);
    // The same gradients up to float rounding (the MINE path computes its score gradient in
    // float64).
    for (let i = 0; i < tape.losses.length; i++) {
      expect(Math.abs(fused.losses[i]! - tape.losses[i]!), `step ${i}`).toBeLessThan(1e-4);
    }
    for (const [k, w] of tape.weights.entries()) {
      const worst = Math.max(...w.map((v, i) => Math.abs(v - fused.weights[k]![i]!)));
      expect(worst, `variable ${k}`).toBeLessThan(1e-4);
    }
    x.dispose();
    z.dispose();
  });

  it('dispose releases the critic, optimizer and moving average', () => {
    const { x, z } = correlated(32, 1, 0.5, 2);
    const cycle = () => {
      const estimator = new MineEstimator(concatCritic({ xDim: 1, zDim: 1, hidden: [8] }));
      estimator.step(x, z).dispose();
      estimator.dispose();
    };
    cycle(); // tfjs caches a few constants (e.g. Adam's scalars) on first use
    const start = tf.memory().numTensors;
    cycle();
    cycle();
    expect(tf.memory().numTensors).toBe(start);
    x.dispose();
    z.dispose();
  });

  it('training raises the held-out bound towards the truth (rho = 0.9, d = 1)', () => {
    const truth = -0.5 * Math.log(1 - 0.81);
    const estimator = new MineEstimator(
      concatCritic({ xDim: 1, zDim: 1, hidden: [64, 64], seed: 3 }),
      {
        seed: 3,
        learningRate: 3e-3,
      },
    );
    const train = correlated(4096, 1, 0.9, 4);
    const held = correlated(2048, 1, 0.9, 5);
    const before = estimator.evaluate(held.x, held.z).dataSync()[0]!;
    const rng = createRng(6);
    for (let step = 0; step < 300; step++) {
      const start = rng.int(4096 - 256);
      const loss = tf.tidy(() =>
        estimator.step(
          tf.slice(train.x, start, 256) as tf.Tensor2D,
          tf.slice(train.z, start, 256) as tf.Tensor2D,
        ),
      );
      loss.dispose();
    }
    const after = estimator.evaluate(held.x, held.z).dataSync()[0]!;
    expect(Math.abs(before)).toBeLessThan(0.2);
    expect(Math.abs(after - truth)).toBeLessThan(Math.max(0.1, 0.1 * truth));
    estimator.dispose();
  });

  it('names the bad argument', () => {
    const critic = () => concatCritic({ xDim: 1, zDim: 1, hidden: [4] });
    expect(() => new MineEstimator(critic(), { emaDecay: 1 })).toThrow(/"emaDecay"/);
    expect(() => new MineEstimator(critic(), { negatives: 0 })).toThrow(/"negatives"/);
    // @ts-expect-error unknown objective
    expect(() => new MineEstimator(critic(), { objective: 'foo' })).toThrow(
      /"objective".*mine, mine-f, infonce, smile, js, dv/,
    );
    const e = new MineEstimator(critic());
    expect(() => e.step(tf.zeros([4, 1]) as tf.Tensor2D, tf.zeros([3, 1]) as tf.Tensor2D)).toThrow(
      /"z"/,
    );
    e.dispose();
  });
});
