import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { concatCritic } from '../critics/concat-critic.js';
import { InvalidArgumentError } from '../errors.js';
import { createRng, derangement, stepRng } from '../random.js';
import { MutualInformationTerm } from './mi-term.js';
import { mineObjective } from './moving-average.js';

/** n rows of (x, z) with z = ρx + √(1 − ρ²)ε componentwise: I = −(d/2)·log(1 − ρ²). */
function correlated(n: number, d: number, rho: number, seed: number) {
  const rng = createRng(seed);
  const x = new Float32Array(n * d);
  const z = new Float32Array(n * d);
  for (let i = 0; i < n * d; i++) {
    const a = rng.normal();
    x[i] = a;
    z[i] = rho * a + Math.sqrt(1 - rho * rho) * rng.normal();
  }
  return { x: tf.tensor2d(x, [n, d]), z: tf.tensor2d(z, [n, d]) };
}

function term(
  options: {
    fusedBackward?: boolean;
    seed?: number;
    learningRate?: number;
    optimizer?: tf.Optimizer;
  } = {},
) {
  return new MutualInformationTerm({
    critic: concatCritic({ xDim: 1, zDim: 1, hidden: [32, 32], seed: 3 }),
    learningRate: options.learningRate ?? 1e-3,
    optimizer: options.optimizer,
    fusedBackward: options.fusedBackward,
    seed: options.seed ?? 7,
  });
}

const read = (t: tf.Scalar) => {
  const v = t.dataSync()[0]!;
  t.dispose();
  return v;
};

describe('MutualInformationTerm', () => {
  it('trainStep tightens the bound towards the true MI (ρ = 0.8, truth 0.511 nats)', () => {
    const mi = term();
    const truth = -0.5 * Math.log(1 - 0.64);
    const { x, z } = correlated(4000, 1, 0.8, 1);
    const rng = createRng(2);
    for (let i = 0; i < 600; i++) {
      const rows = tf.tensor1d(
        Array.from({ length: 256 }, () => rng.int(4000)),
        'int32',
      );
      const [a, b] = [tf.gather(x, rows), tf.gather(z, rows)] as tf.Tensor2D[];
      mi.trainStep(a!, b!).dispose();
      tf.dispose([rows, a!, b!]);
    }
    const held = correlated(4000, 1, 0.8, 99);
    const estimate = read(mi.evaluate(held.x, held.z));
    // A DV lower bound on held-out data: below the truth up to sampling noise, and close to it.
    expect(estimate).toBeGreaterThan(truth - 0.12);
    expect(estimate).toBeLessThan(truth + 0.05);
    tf.dispose([x, z, held.x, held.z]);
    mi.dispose();
  });

  it('the hand-written and the autodiff critic steps train identically', () => {
    // SGD: Adam's ±lr steps would turn float32 differences of gradients near 0 into lr-sized ones.
    const fused = term({ fusedBackward: true, optimizer: tf.train.sgd(0.05) });
    const tape = term({ fusedBackward: false, optimizer: tf.train.sgd(0.05) });
    const { x, z } = correlated(128, 1, 0.6, 4);
    for (let i = 0; i < 20; i++) {
      const a = read(fused.trainStep(x, z));
      const b = read(tape.trainStep(x, z));
      expect(a).toBeCloseTo(b, 4);
    }
    expect(fused.movingAverage.count).toBe(20);
    // The tape folds the average in float32 tensor ops (wasm's exp is approximate to ~1e-4), the
    // fused step in float64: they drift apart by a few 1e-4 in log space.
    expect(fused.movingAverage.logEma).toBeCloseTo(tape.movingAverage.logEma, 2);
    const va = fused.critic.trainableVariables.map((v) => v.dataSync());
    const vb = tape.critic.trainableVariables.map((v) => v.dataSync());
    va.forEach((values, k) => {
      for (let i = 0; i < values.length; i++) expect(values[i]).toBeCloseTo(vb[k]![i]!, 4);
    });
    tf.dispose([x, z]);
    fused.dispose();
    tape.dispose();
  });

  it("estimate's gradient is MINE's: the committed moving average replaces the batch denominator", () => {
    const mi = term();
    const { x, z } = correlated(64, 1, 0.7, 5);
    for (let i = 0; i < 5; i++) mi.trainStep(x, z).dispose();
    const { logEma, count } = mi.movingAverage;
    // The same pairing as the last trainStep (iteration 4).
    const sigma = derangement(64, stepRng(7, 4));
    const zs = tf.gather(z, tf.tensor1d(sigma, 'int32')) as tf.Tensor2D;
    const g = tf.grads((zz: tf.Tensor) => mi.estimate(x, zz as tf.Tensor2D))([z]);
    // d/dz of mean T_j − mean(T_m · w_m), w_m = e^(T_m − log ema) held constant: the MINE
    // gradient with the debiased moving average as the denominator.
    const logDen = logEma - Math.log(1 - 0.99 ** count);
    const weights = tf.tidy(() => tf.exp(tf.sub(mi.critic.score(x, zs), logDen)));
    const closed = tf.grads((zz: tf.Tensor) => {
      const joint = mi.critic.score(x, zz as tf.Tensor2D);
      const shuffled = tf.gather(zz, tf.tensor1d(sigma, 'int32')) as tf.Tensor2D;
      const marginal = mi.critic.score(x, shuffled);
      return tf.sub(tf.mean(joint), tf.mean(tf.mul(weights, marginal)));
    })([z]);
    const got = g[0]!.dataSync();
    const want = closed[0]!.dataSync();
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i]!, 5);
    // Its value is the batch's own DV bound.
    const value = read(mi.estimate(x, z));
    const dv = tf.tidy(() => {
      const joint = mi.critic.score(x, z);
      const marginal = mi.critic.score(x, zs);
      return tf.sub(tf.mean(joint), tf.sub(tf.logSumExp(marginal), Math.log(64)));
    });
    expect(value).toBeCloseTo(read(dv as tf.Scalar), 5);
    tf.dispose([...g, ...closed, weights, x, z, zs]);
    mi.dispose();
  });

  it.each([
    ['maximised', 1],
    ['minimised', -1],
  ] as const)('moves a learnable map’s true MI the right way when %s', (_name, sign) => {
    // b = w·x + ε with a learnable w: I(x; b) = ½·log(1 + w²) rises with |w|.
    const mi = term({ learningRate: 2e-3 });
    const w = tf.variable(tf.scalar(1));
    const optimizer = tf.train.adam(0.02);
    const rng = createRng(11);
    const n = 256;
    const trueMi = () => 0.5 * Math.log(1 + w.dataSync()[0]! ** 2);
    const start = trueMi();
    for (let i = 0; i < 300; i++) {
      const xs = new Float32Array(n);
      const eps = new Float32Array(n);
      for (let k = 0; k < n; k++) {
        xs[k] = rng.normal();
        eps[k] = rng.normal();
      }
      tf.tidy(() => {
        const x = tf.tensor2d(xs, [n, 1]);
        const e = tf.tensor2d(eps, [n, 1]);
        const b = () => tf.add(tf.mul(x, w), e) as tf.Tensor2D;
        mi.trainStep(x, b()).dispose();
        const { grads } = tf.variableGrads(
          () => tf.mul(mi.estimate(x, b()), -sign) as tf.Scalar,
          [w],
        );
        optimizer.applyGradients(grads as unknown as Record<string, tf.Variable>);
      });
    }
    const end = trueMi();
    if (sign > 0) expect(end).toBeGreaterThan(start + 0.3);
    else expect(end).toBeLessThan(start / 3);
    mi.dispose();
    w.dispose();
    optimizer.dispose();
  });

  it('keeps numTensors flat over 100 train/estimate steps', () => {
    const mi = term();
    const { x, z } = correlated(64, 1, 0.5, 8);
    const w = tf.variable(tf.scalar(0.5));
    const optimizer = tf.train.adam(0.01);
    const step = () =>
      tf.tidy(() => {
        const b = () => tf.mul(z, w) as tf.Tensor2D;
        mi.trainStep(x, b()).dispose();
        const { grads } = tf.variableGrads(() => tf.neg(mi.estimate(x, b())) as tf.Scalar, [w]);
        optimizer.applyGradients(grads as unknown as Record<string, tf.Variable>);
      });
    step(); // Adam allocates its slots on the first step
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) step();
    mi.evaluate(x, z).dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, z, w]);
    optimizer.dispose();
    mi.dispose();
  });

  it('save/load continues bit for bit', async () => {
    const { x, z } = correlated(64, 1, 0.5, 9);
    const reference = term();
    const first = term();
    for (let i = 0; i < 10; i++) {
      reference.trainStep(x, z).dispose();
      first.trainStep(x, z).dispose();
    }
    const state = await first.save();
    first.dispose();
    const resumed = term();
    await resumed.load(structuredClone(state));
    expect(resumed.step).toBe(10);
    for (let i = 0; i < 10; i++) {
      expect(read(resumed.trainStep(x, z))).toBe(read(reference.trainStep(x, z)));
    }
    expect(read(resumed.estimate(x, z))).toBe(read(reference.estimate(x, z)));
    tf.dispose([x, z]);
    resumed.dispose();
    reference.dispose();
  });

  it('rejects bad pairs and options by name', () => {
    const mi = term();
    const a = tf.zeros([8, 1]) as tf.Tensor2D;
    expect(() => mi.trainStep(a, tf.zeros([7, 1]) as tf.Tensor2D)).toThrow(/b.*7 rows/);
    expect(() => mi.trainStep(a, tf.zeros([8, 2]) as tf.Tensor2D)).toThrow(/b.*2 columns/);
    expect(() =>
      mi.estimate(tf.zeros([1, 1]) as tf.Tensor2D, tf.zeros([1, 1]) as tf.Tensor2D),
    ).toThrow(/at least 2 rows/);
    expect(() => new MutualInformationTerm({ critic: mi.critic, emaDecay: 1 })).toThrow(
      InvalidArgumentError,
    );
    mi.dispose();
    expect(() => mi.trainStep(a, a)).toThrow(/disposed/);
    a.dispose();
  });

  it('the tape step is mineObjective itself', () => {
    // mineObjective's value on the first batch is the DV bound; the term returns it.
    const mi = term({ fusedBackward: false });
    const { x, z } = correlated(32, 1, 0.5, 10);
    const sigma = derangement(32, stepRng(7, 0));
    const expected = tf.tidy(() => {
      const joint = mi.critic.score(x, z);
      const marginal = mi.critic.score(x, tf.gather(z, tf.tensor1d(sigma, 'int32')) as tf.Tensor2D);
      const state = { logEma: tf.scalar(Number.NEGATIVE_INFINITY), count: 0 };
      const out = mineObjective(joint, marginal, state, 0.99);
      out.state.logEma.dispose();
      return out.value;
    });
    expect(read(mi.trainStep(x, z))).toBeCloseTo(read(expected), 6);
    tf.dispose([x, z]);
    mi.dispose();
  });
});
