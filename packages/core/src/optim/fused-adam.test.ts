import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend.js';
import { InvalidArgumentError } from '../errors.js';
import { loadOptimizer, saveOptimizer } from '../nn/snapshot.js';
import { createRng } from '../random.js';
import { ADAM_UPDATE, FusedAdam } from './fused-adam.js';

function values(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
}

/**
 * Least squares through a small layer and a wide one (25,600 entries), trained with `optimizer`;
 * returns the final parameters and loss.
 */
function train(optimizer: tf.Optimizer, steps: number) {
  const wide = 160;
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
  it('is one kernel per variable on wasm and matches its tfjs ops on cpu', async () => {
    const run = async (backend: 'cpu' | 'wasm') => {
      await selectBackend(backend, { quiet: true });
      const fused = new FusedAdam({ learningRate: 0.01, beta1: 0.5 });
      const result = train(fused, 10);
      fused.dispose();
      return result;
    };
    try {
      const cpu = await run('cpu');
      const wasm = await run('wasm');
      // float64 with one rounding per result against float32 ops: float32 noise only.
      for (const [k, p] of cpu.params.entries()) {
        expect(maxDiff(wasm.params[k]!, p), `variable ${k}`).toBeLessThan(1e-5);
      }
    } finally {
      await selectBackend('wasm', { quiet: true });
    }
    const fused = new FusedAdam();
    const vars = [tf.variable(tf.ones([3, 4])), tf.variable(tf.ones([4]))];
    const profile = await tf.profile(() => {
      fused.minimize(() => tf.add(tf.sum(vars[0]!), tf.sum(vars[1]!)) as tf.Scalar, false, vars);
    });
    const names = profile.kernels.map((k) => k.name);
    expect(names.filter((n) => n === ADAM_UPDATE)).toHaveLength(2);
    expect(names).not.toContain('Sqrt');
    fused.dispose();
    tf.dispose(vars);
  });

  /** Three variables trained for `steps` from fixed values; returns their values. */
  function quadratic(optimizer: tf.Optimizer, vars: tf.Variable[], steps: number): Float32Array[] {
    const targets = vars.map((v, i) => tf.tensor(values(v.size, 20 + i), v.shape));
    for (let i = 0; i < steps; i++) {
      optimizer.minimize(
        () => tf.addN(vars.map((v, k) => tf.sum(tf.square(tf.sub(v, targets[k]!))))) as tf.Scalar,
        false,
        vars,
      );
    }
    tf.dispose(targets);
    return vars.map((v) => v.dataSync() as Float32Array);
  }

  const shapes = [[5, 4], [4], [3, 3, 2]];
  const fresh = () =>
    shapes.map((s, i) =>
      tf.variable(
        tf.tensor(
          values(
            s.reduce((a, b) => a * b),
            i,
          ),
          s,
        ),
      ),
    );

  it('restores its saved state and continues bit for bit', async () => {
    const vars = fresh();
    const straight = new FusedAdam({ learningRate: 0.05, beta1: 0.5 });
    quadratic(straight, vars, 3);
    const saved = await saveOptimizer(straight);
    const values3 = vars.map((v) => tf.keep(v.clone()));
    const expected = quadratic(straight, vars, 4);
    // A new optimizer (and new variable names) from the checkpoint.
    const resumedVars = values3.map((t) => tf.variable(t));
    const resumed = new FusedAdam({ learningRate: 0.05, beta1: 0.5 });
    await loadOptimizer(resumed, saved);
    expect(resumed.iterations).toBe(3);
    const actual = quadratic(resumed, resumedVars, 4);
    for (const [k, e] of expected.entries()) expect(actual[k], `variable ${k}`).toEqual(e);
    tf.dispose([...vars, ...resumedVars, ...values3]);
    straight.dispose();
    resumed.dispose();
  });

  it("restores tf.train.adam's saved state (earlier checkpoints)", async () => {
    const vars = fresh();
    const reference = tf.train.adam(0.05, 0.5);
    quadratic(reference, vars, 3);
    const saved = await saveOptimizer(reference);
    const fused = new FusedAdam({ learningRate: 0.05, beta1: 0.5 });
    await loadOptimizer(fused, saved);
    const weights = await fused.getWeights();
    expect(weights.map((w) => w.name)).toEqual(['iter', ...saved.slots.map((s) => s.name)]);
    for (const [i, slot] of saved.slots.entries()) {
      expect(weights[i + 1]!.tensor.dataSync()).toEqual(slot.values);
    }
    weights[0]!.tensor.dispose();
    // Both continue alike: the same moments and step count, float32 rounding apart.
    const copies = vars.map((v) => tf.variable(v.clone()));
    const expected = quadratic(reference, vars, 3);
    const actual = quadratic(fused, copies, 3);
    for (const [k, e] of expected.entries()) {
      expect(maxDiff(Array.from(actual[k]!), Array.from(e)), `variable ${k}`).toBeLessThan(1e-5);
    }
    tf.dispose([...vars, ...copies]);
    reference.dispose();
    fused.dispose();
  });

  it('rejects moments of another network, naming the argument', async () => {
    const vars = fresh();
    const source = new FusedAdam();
    quadratic(source, vars, 1);
    const saved = await saveOptimizer(source);
    const other = new FusedAdam();
    await loadOptimizer(other, saved);
    const swapped = [vars[1]!, vars[0]!, vars[2]!];
    expect(() => quadratic(other, swapped, 1)).toThrow(/gradients/);
    tf.dispose(vars);
    source.dispose();
    other.dispose();
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
