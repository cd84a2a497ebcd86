import * as tf from '@tensorflow/tfjs-core';
import { ensureGradients } from '../backend/gradients.js';
import { selectBackend } from '../backend/select-backend.js';
import { concatCritic } from '../critics/concat-critic.js';
import { separableCritic } from '../critics/separable-critic.js';
import { assertArgument } from '../errors.js';
import { assertNoConstantColumns, assertSameRows, type MatrixInput, toMatrix } from '../matrix.js';
import { MineEstimator, type Objective } from '../mine/estimator.js';
import { createRng, permutation, type Rng } from '../random.js';
import type { Critic } from '../types.js';
import { DIVERGED_BELOW, ESTIMATE_DEFAULTS, MIN_ROWS } from './defaults.js';
import {
  type CurvePoint,
  type EstimateOptions,
  type MiEstimate,
  NEURAL_ESTIMATORS,
} from './options.js';
import { transformColumns } from './preprocess.js';
import { type ReadoutKind, readout } from './readout.js';

const OPTION_KEYS = new Set<string>([
  ...Object.keys(ESTIMATE_DEFAULTS),
  'critic',
  'onProgress',
  'signal',
]);

const OBJECTIVE_OF: Record<string, Objective> = {
  mine: 'mine',
  'mine-f': 'mine-f',
  infonce: 'infonce',
  smile: 'smile',
  js: 'js',
};

const READOUT_OF: Record<string, ReadoutKind> = {
  mine: 'dv',
  'mine-f': 'nwj',
  infonce: 'mean',
  smile: 'smile',
  js: 'dv',
};

interface Evaluation {
  value: number;
  joint: Float32Array;
  marginal: Float32Array;
}

function positiveInt(value: number, name: string): number {
  assertArgument(
    Number.isInteger(value) && value > 0,
    name,
    () => `must be a positive integer, got ${value}`,
  );
  return value;
}

function gatherRows(
  source: Float32Array,
  cols: number,
  rows: ArrayLike<number>,
  from: number,
  count: number,
) {
  const out = new Float32Array(count * cols);
  for (let r = 0; r < count; r++) {
    const i = rows[from + r]!;
    out.set(source.subarray(i * cols, (i + 1) * cols), r * cols);
  }
  return out;
}

async function ensureBackend(): Promise<string> {
  if (!tf.engine().backendName) await selectBackend(undefined, { quiet: true });
  await ensureGradients();
  return tf.getBackend();
}

/** Percentile interval of bootstrap resamples of the held-out rows, averaged over evaluations. */
function bootstrapInterval(
  evaluations: Evaluation[],
  kind: ReadoutKind,
  clip: number,
  resamples: number,
  confidence: number,
  rng: Rng,
): [number, number] {
  const first = evaluations[0]!;
  const n = first.joint.length;
  const perRow = first.marginal.length / n;
  const jointIndex = new Int32Array(n);
  const marginalIndex = new Int32Array(n * perRow);
  const values: number[] = [];
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) {
      const row = rng.int(n);
      jointIndex[i] = row;
      // Marginal pair k·n + row belongs to row `row` for every repeat k.
      for (let k = 0; k < perRow; k++) marginalIndex[k * n + i] = k * n + row;
    }
    let sum = 0;
    for (const e of evaluations) {
      sum += readout(kind, e.joint, e.marginal, { jointIndex, marginalIndex, clip });
    }
    values.push(sum / evaluations.length);
  }
  values.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  const at = (q: number) =>
    values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))]!;
  return [at(tail), at(1 - tail)];
}

/**
 * Estimates I(X; Z) with a neural estimator, following an honest protocol: marginal transforms,
 * a train/held-out split, the bound reported on held-out rows averaged over the last evaluations,
 * optional early stopping, a seeded run, and a bootstrap interval. Nats unless `unit: 'bits'`.
 */
export async function estimateMutualInformation(
  x: MatrixInput,
  z: MatrixInput,
  options: EstimateOptions = {},
): Promise<MiEstimate> {
  const started = performance.now();
  for (const key of Object.keys(options)) {
    assertArgument(
      OPTION_KEYS.has(key),
      key,
      () => `unknown option. Known options: ${[...OPTION_KEYS].join(', ')}`,
    );
  }
  const o = { ...ESTIMATE_DEFAULTS, ...stripUndefined(options) };
  assertArgument(
    (NEURAL_ESTIMATORS as readonly string[]).includes(o.estimator),
    'estimator',
    () => `unknown estimator "${o.estimator}". Should be one of: ${NEURAL_ESTIMATORS.join(', ')}`,
  );
  positiveInt(o.steps, 'steps');
  positiveInt(o.evalEvery, 'evalEvery');
  positiveInt(o.evalNegatives, 'evalNegatives');
  positiveInt(o.averageLast, 'averageLast');
  positiveInt(o.bootstrap, 'bootstrap');
  assertArgument(
    o.learningRate > 0 && Number.isFinite(o.learningRate),
    'learningRate',
    () => `must be a positive number, got ${o.learningRate}`,
  );
  assertArgument(
    o.heldOutFraction > 0 && o.heldOutFraction < 1,
    'heldOutFraction',
    () => `must be in (0, 1), got ${o.heldOutFraction}`,
  );
  assertArgument(
    o.confidence > 0 && o.confidence < 1,
    'confidence',
    () => `must be in (0, 1), got ${o.confidence}`,
  );
  assertArgument(
    ['standardize', 'rank', 'none'].includes(o.transform),
    'transform',
    () => `unknown transform "${o.transform}". Should be one of: standardize, rank, none`,
  );
  assertArgument(
    o.unit === 'nats' || o.unit === 'bits',
    'unit',
    () => `must be "nats" or "bits", got "${o.unit}"`,
  );
  assertArgument(
    Number.isInteger(o.patience) && o.patience >= 0,
    'patience',
    () => `must be a non-negative integer, got ${o.patience}`,
  );

  const xm = toMatrix(x, 'x');
  const zm = toMatrix(z, 'z');
  assertSameRows(xm, zm);
  const n = xm.rows;
  assertArgument(n >= MIN_ROWS, 'x', () => `has ${n} rows; at least ${MIN_ROWS} are needed`);
  assertNoConstantColumns(xm, 'x');
  assertNoConstantColumns(zm, 'z');

  const nHeld = Math.max(2, Math.round(n * o.heldOutFraction));
  const nTrain = n - nHeld;
  const batchSize =
    options.batchSize === undefined
      ? Math.min(o.batchSize, nTrain)
      : positiveInt(o.batchSize, 'batchSize');
  assertArgument(
    batchSize <= nTrain,
    'batchSize',
    () =>
      `is ${batchSize} but only ${nTrain} training rows remain after holding out ${nHeld} of ${n}`,
  );
  assertArgument(batchSize >= 2, 'batchSize', () => `must be at least 2, got ${batchSize}`);

  const backend = await ensureBackend();
  const rng = createRng(o.seed);
  const xs = transformColumns(xm, o.transform);
  const zs = transformColumns(zm, o.transform);
  const order = permutation(n, rng);
  const trainRows = order.subarray(0, nTrain);
  const heldRows = order.subarray(nTrain);

  const critic: Critic =
    typeof o.critic === 'object'
      ? o.critic
      : (o.critic ?? (o.estimator === 'infonce' ? 'separable' : 'concat')) === 'separable'
        ? separableCritic({
            xDim: xm.cols,
            zDim: zm.cols,
            hidden: o.hidden,
            activation: o.activation,
            seed: o.seed,
          })
        : concatCritic({
            xDim: xm.cols,
            zDim: zm.cols,
            hidden: o.hidden,
            activation: o.activation,
            seed: o.seed,
          });
  if (typeof o.critic === 'object') {
    assertArgument(
      critic.xDim === xm.cols && critic.zDim === zm.cols,
      'critic',
      () => `expects ${critic.xDim}+${critic.zDim} columns, data has ${xm.cols}+${zm.cols}`,
    );
  }
  const estimator = new MineEstimator(critic, {
    objective: OBJECTIVE_OF[o.estimator]!,
    emaDecay: o.emaDecay,
    clip: o.clip,
    learningRate: o.learningRate,
    seed: rng.seed(),
  });
  const kind = READOUT_OF[o.estimator]!;
  const heldX = tf.tensor2d(gatherRows(xs, xm.cols, heldRows, 0, nHeld), [nHeld, xm.cols]);
  const heldZ = tf.tensor2d(gatherRows(zs, zm.cols, heldRows, 0, nHeld), [nHeld, zm.cols]);

  const evaluate = (): Evaluation => {
    if (kind === 'mean') {
      // InfoNCE per row, in blocks of one batch: its value depends on the number of candidates.
      const terms = new Float32Array(nHeld);
      for (let start = 0; start + batchSize <= nHeld || start === 0; start += batchSize) {
        const size = Math.min(batchSize, nHeld - start);
        const block = tf.tidy(() => {
          const s = critic.scoreMatrix!(tf.slice(heldX, start, size), tf.slice(heldZ, start, size));
          const diag = tf.sum(tf.mul(s, tf.eye(size)), 1);
          return tf.add(tf.sub(diag, tf.logSumExp(s, 1)), Math.log(size));
        });
        terms.set(block.dataSync() as Float32Array, start);
        block.dispose();
        if (start + size >= nHeld) break;
      }
      const used = terms.subarray(0, Math.floor(nHeld / batchSize) * batchSize || nHeld);
      return { value: readout('mean', used, used), joint: used.slice(), marginal: used.slice() };
    }
    const { joint, marginal } = estimator.scores(heldX, heldZ, o.evalNegatives);
    const j = joint.dataSync() as Float32Array;
    const m = marginal.dataSync() as Float32Array;
    joint.dispose();
    marginal.dispose();
    return { value: readout(kind, j, m, { clip: o.clip }), joint: j, marginal: m };
  };

  const curve: CurvePoint[] = [];
  const evaluations: Evaluation[] = [];
  const warnings: string[] = [];
  let best = Number.NEGATIVE_INFINITY;
  let sinceBest = 0;
  let nonFinite = 0;
  let steps = 0;
  let epoch = permutation(nTrain, rng);
  let cursor = 0;
  try {
    for (let step = 1; step <= o.steps; step++) {
      if (cursor + batchSize > nTrain) {
        epoch = permutation(nTrain, rng);
        cursor = 0;
      }
      const rows = new Int32Array(batchSize);
      for (let r = 0; r < batchSize; r++) rows[r] = trainRows[epoch[cursor + r]!]!;
      cursor += batchSize;
      const bx = tf.tensor2d(gatherRows(xs, xm.cols, rows, 0, batchSize), [batchSize, xm.cols]);
      const bz = tf.tensor2d(gatherRows(zs, zm.cols, rows, 0, batchSize), [batchSize, zm.cols]);
      if (o.schedule === 'cosine') {
        const progress = (step - 1) / Math.max(1, o.steps - 1);
        estimator.setLearningRate(
          o.learningRate * (0.1 + 0.45 * (1 + Math.cos(Math.PI * progress))),
        );
      }
      const loss = estimator.step(bx, bz);
      bx.dispose();
      bz.dispose();
      steps = step;
      if (step % o.evalEvery === 0 || step === o.steps) {
        const train = -(loss.dataSync()[0] ?? Number.NaN);
        const e = evaluate();
        if (!Number.isFinite(e.value) || !Number.isFinite(train)) nonFinite++;
        curve.push({ step, train, heldOut: e.value });
        if (Number.isFinite(e.value)) {
          evaluations.push(e);
          if (evaluations.length > o.averageLast) evaluations.shift();
        }
        o.onProgress?.({ step, steps: o.steps, heldOut: e.value, train });
        // Early stopping watches the same window average that the estimate reports.
        const smoothed = mean(evaluations.map((v) => v.value));
        if (smoothed > best + 1e-3) {
          best = smoothed;
          sinceBest = 0;
        } else if (o.patience > 0 && ++sinceBest >= o.patience) {
          loss.dispose();
          break;
        }
      } else if (o.onProgress && step % 10 === 0) {
        o.onProgress({ step, steps: o.steps });
      }
      loss.dispose();
      if (o.signal?.aborted) {
        warnings.push(`stopped early by the abort signal after ${step} steps`);
        break;
      }
      // Yield to the event loop now and then so progress bars and signals stay responsive.
      if (step % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    heldX.dispose();
    heldZ.dispose();
    estimator.dispose();
  }

  if (evaluations.length === 0) {
    const e = { value: Number.NaN, joint: new Float32Array(), marginal: new Float32Array() };
    evaluations.push(e);
    warnings.push(
      curve.length === 0 && o.signal?.aborted
        ? `stopped before the first held-out evaluation (at step ${Math.min(o.evalEvery, o.steps)}): no estimate`
        : 'no finite held-out evaluation: the critic diverged; try a smaller learningRate',
    );
  }
  const nats = evaluations.reduce((s, e) => s + e.value, 0) / evaluations.length;
  const ciNats = Number.isFinite(nats)
    ? bootstrapInterval(evaluations, kind, o.clip, o.bootstrap, o.confidence, rng)
    : ([Number.NaN, Number.NaN] as [number, number]);

  if (nonFinite > 0) warnings.push(`${nonFinite} evaluation(s) gave a non-finite bound`);
  // Within a nat of log(b), InfoNCE cannot tell the true MI from anything larger.
  if (kind === 'mean' && nats > Math.log(batchSize) - 1) {
    warnings.push(
      `InfoNCE is within 1 nat of its ceiling log(batchSize) = ${Math.log(batchSize).toFixed(3)} nats; the true MI may be much larger (raise batchSize or use mine)`,
    );
  }
  const heldCurve = curve.map((p) => p.heldOut ?? Number.NaN).filter(Number.isFinite);
  const k = o.averageLast;
  if (heldCurve.length >= 2 * k && steps === o.steps) {
    const last = heldCurve.slice(-k);
    const before = heldCurve.slice(-2 * k, -k);
    const rise = mean(last) - mean(before);
    if (rise > Math.max(0.05, 0.02 * Math.abs(mean(last)))) {
      warnings.push(
        `the held-out bound was still rising (+${rise.toFixed(3)} nats over the last ${k} evaluations); more steps may give a larger estimate`,
      );
    }
  }
  if (nats < DIVERGED_BELOW) {
    warnings.push(
      `the held-out bound is ${nats.toPrecision(3)} nats, far below 0 (the true MI is ≥ 0): the critic diverged; try a smaller learningRate`,
    );
  } else if (nats < -0.05) {
    warnings.push('the estimate is negative: no dependence was found (the true MI is ≥ 0)');
  }
  const scale = o.unit === 'bits' ? 1 / Math.LN2 : 1;
  return {
    mi: nats * scale,
    unit: o.unit,
    ci: [ciNats[0] * scale, ciNats[1] * scale],
    estimator: o.estimator,
    steps,
    backend,
    n,
    seconds: (performance.now() - started) / 1000,
    curve,
    warnings,
  };
}

function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
