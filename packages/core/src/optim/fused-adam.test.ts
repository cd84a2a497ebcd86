import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend.js';
import { InvalidArgumentError } from '../errors.js';
import { createRng } from '../random.js';
import { FusedAdam, HEAP_UPDATE_LIMIT } from './fused-adam.js';

function values(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
}

/**
 * Least squares through a small layer (heap path on wasm) and a wide one (kernel path), trained
 * with `optimizer`; returns the final parameters and loss.
 */
function train(optimizer: tf.Optimizer, steps: number) {
  const wide = 160; // 160 x 160 > HEAP_UPDATE_LIMIT entries
  const x = tf.tensor2d(values(64 * 7, 1), [64, 7]);
  const y = tf.tensor2d(values(64 * 3, 2), [64, 3]);
  const w1 = tf.variable(tf.div(tf.tensor2d(values(7 * wide, 3), [7, wide]), 3));
  const w2 = tf.variable(tf.div(tf.tensor2d(values(wide * wide, 4), [wide, wide]), wide));
  const w3 = tf.variable(tf.div(tf.tensor2d(values(wide * 3, 5), [wide, 3]), wide));
  const b = tf.variable(tf.zeros([3]));
  const vars = [w1, w2, w3, b];
  let loss = 0;
  for (let i = 0; i < steps; i++) {
    const cost = optimizer.minimize(
      () => {
        const h = tf.matMul(tf.matMul(x, w1), w2);
        return tf.mean(tf.square(tf.sub(tf.add(tf.matMul(h, w3), b), y)));
      },
      true,
      vars,
    )!;
    loss = cost.dataSync()[0]!;
    cost.dispose();
  }
  const params = vars.map((v) => Array.from(v.dataSync()));
  tf.dispose([x, y, ...vars]);
  return { params, loss };
}

function maxDiff(a: number[], b: number[]): number {
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
}

describe('FusedAdam', () => {
  it('covers both paths in these tests', () => {
    expect(160 * 160).toBeGreaterThan(HEAP_UPDATE_LIMIT);
    expect(7 * 160).toBeLessThan(HEAP_UPDATE_LIMIT);
  });

  it.each([
    'wasm',
    'cpu',
  ] as const)('follows tf.train.adam step for step on %s', async (backend) => {
    await selectBackend(backend, { quiet: true });
    try {
      const reference = tf.train.adam(0.01, 0.9, 0.999);
      const fused = new FusedAdam({ learningRate: 0.01, beta1: 0.9, beta2: 0.999 });
      const expected = train(reference, 40);
      const actual = train(fused, 40);
      reference.dispose();
      fused.dispose();
      // One rounding per update instead of one per op: differences stay at float32 noise.
      for (const [k, p] of expected.params.entries()) {
        expect(maxDiff(actual.params[k]!, p), `variable ${k}`).toBeLessThan(1e-4);
      }
      expect(actual.loss).toBeCloseTo(expected.loss, 4);
    } finally {
      await selectBackend('wasm', { quiet: true });
    }
  });

  it('honours a learning rate changed between steps', () => {
    const fused = new FusedAdam({ learningRate: 0.01 });
    const w = tf.variable(tf.scalar(1));
    fused.learningRate = 0.5;
    // The first Adam step moves each parameter by the learning rate (m̂/√v̂ = sign(g)).
    fused.minimize(() => tf.square(w) as tf.Scalar, false, [w]);
    expect(w.dataSync()[0]).toBeCloseTo(0.5, 5);
    fused.dispose();
    w.dispose();
  });

  it('keeps tensors flat across steps, also inside tf.tidy, and frees its moments', () => {
    const fused = new FusedAdam();
    const small = tf.variable(tf.ones([20, 30]));
    const large = tf.variable(tf.ones([200, 120]));
    const f = () => tf.add(tf.sum(tf.square(small)), tf.sum(tf.square(large))) as tf.Scalar;
    fused.minimize(f, false, [small, large]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      if (i % 2) tf.tidy(() => void fused.minimize(f, false, [small, large]));
      else fused.minimize(f, false, [small, large]);
    }
    expect(tf.memory().numTensors).toBe(before);
    fused.dispose();
    expect(tf.memory().numTensors).toBe(before - 4);
    tf.dispose([small, large]);
  });

  it('rejects bad hyper-parameters, naming them', () => {
    expect(() => new FusedAdam({ learningRate: 0 })).toThrow(InvalidArgumentError);
    expect(() => new FusedAdam({ beta1: 1 })).toThrow(/beta1/);
    expect(() => new FusedAdam({ beta2: -0.1 })).toThrow(/beta2/);
    expect(() => new FusedAdam({ epsilon: 0 })).toThrow(/epsilon/);
  });
});
