import * as tf from '@tensorflow/tfjs-core';
import { prepareTraining } from '../backend/training-backend.js';
import type { MatrixInput } from '../matrix.js';
import { MineEstimator } from '../mine/estimator.js';
import { createRng } from '../random.js';
import { buildCritic } from './critic.js';
import { checkData, gatherRows, type Split, splitData } from './data.js';
import { diagnose } from './diagnostics.js';
import { inUnit } from './estimator.js';
import { bootstrapInterval, type Evaluation, heldOutEvaluator } from './evaluation.js';
import type { EstimateOptions, NeuralMiEstimate } from './options.js';
import { resolveSettings, type Settings } from './settings.js';
import { type TrainingRecord, train } from './training.js';

/**
 * Estimates I(X; Z) with a neural estimator, following an honest protocol: marginal transforms,
 * a train/held-out split, the bound reported on held-out rows averaged over the best window of evaluations,
 * optional early stopping, a seeded run, and a bootstrap interval. Nats unless `unit: 'bits'`.
 *
 * It trains on the active tfjs backend and never picks one: call `selectBackend` from
 * '@mine/core/backend' first, or set one up with tfjs yourself (see `prepareTraining`).
 */
export async function estimateMutualInformation(
  x: MatrixInput,
  z: MatrixInput,
  options: EstimateOptions = {},
): Promise<NeuralMiEstimate> {
  const started = performance.now();
  const s = resolveSettings(options);
  const checked = checkData(x, z, s);
  const backend = await prepareTraining();
  const rng = createRng(s.seed);
  const data = splitData(checked, s, rng);
  const estimator = new MineEstimator(buildCritic(s, data), {
    objective: s.objective,
    emaDecay: s.emaDecay,
    clip: s.clip,
    learningRate: s.learningRate,
    seed: rng.seed(),
  });
  const held = heldOutTensors(data);
  let record: TrainingRecord;
  try {
    const evaluate = heldOutEvaluator(
      estimator,
      held.x,
      held.z,
      data.batchSize,
      s.evalNegatives,
      s,
    );
    record = await train(estimator, data, evaluate, s, rng);
  } finally {
    tf.dispose([held.x, held.z]);
    estimator.dispose();
  }
  const { nats, ci, warnings } = summarize(record, s, data, rng);
  return {
    mi: inUnit(nats, s.unit),
    unit: s.unit,
    ci: [inUnit(ci[0], s.unit), inUnit(ci[1], s.unit)],
    estimator: s.objective.name,
    steps: record.steps,
    backend,
    n: data.n,
    seconds: (performance.now() - started) / 1000,
    curve: record.curve,
    warnings,
  };
}

/** The held-out rows as tensors. */
function heldOutTensors(data: Split): { x: tf.Tensor2D; z: tf.Tensor2D } {
  const { xs, zs, xCols, zCols, heldRows, nHeld } = data;
  return {
    x: tf.tensor2d(gatherRows(xs, xCols, heldRows, 0, nHeld), [nHeld, xCols]),
    z: tf.tensor2d(gatherRows(zs, zCols, heldRows, 0, nHeld), [nHeld, zCols]),
  };
}

/** The estimate (mean of the best window of evaluations, nats), its bootstrap interval and the warnings. */
function summarize(
  record: TrainingRecord,
  s: Settings,
  data: Split,
  rng: ReturnType<typeof createRng>,
) {
  const warnings = [...record.warnings];
  const evaluations: Evaluation[] = record.evaluations;
  if (evaluations.length === 0) {
    evaluations.push({
      value: Number.NaN,
      joint: new Float32Array(),
      marginal: new Float32Array(),
    });
    warnings.push(
      record.curve.length === 0 && s.signal?.aborted
        ? `stopped before the first held-out evaluation (at step ${Math.min(s.evalEvery, s.steps)}): no estimate`
        : 'no finite held-out evaluation: the critic diverged; try a smaller learningRate',
    );
  }
  const nats = evaluations.reduce((sum, e) => sum + e.value, 0) / evaluations.length;
  const ci = Number.isFinite(nats)
    ? bootstrapInterval(
        evaluations,
        (e, resample) => s.objective.readout(e.joint, e.marginal, s, resample),
        s.bootstrap,
        s.confidence,
        rng,
      )
    : ([Number.NaN, Number.NaN] as [number, number]);
  const reliability = diagnose(nats, ci, record, s, data);
  return { nats, ci: reliability.ci, warnings: [...warnings, ...reliability.warnings] };
}
