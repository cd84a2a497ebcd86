/**
 * Table 3 (Sec. 5.3, 8.1.5): permutation-invariant MNIST with the Information Bottleneck.
 * Five models — the deterministic baseline, DVB (Alemi et al., 2016) and MINE with a Gaussian,
 * an additive-noise and a propagated-noise encoder — trained on loss = H(Y|Z) + β·I(X; Z),
 * compared by test misclassification rate (Polyak-averaged weights, softmax averaged over 12
 * samples of z) beside the paper's rows, with paired McNemar tests between models.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { IB_MODELS, type IbModel, isGaussian, usesMine } from '@mine/ib';
import { defineCommand } from 'citty';
import { toCsv } from '../lib/csv.js';
import {
  type Experiment,
  type ExperimentOptions,
  type ExperimentResult,
  type PartialResult,
  type Profile,
  printResult,
  resumableArgs,
  runExperiment,
  seedList,
} from '../lib/experiment.js';
import { choiceFlag, intFlag, listFlag, parseFlags } from '../lib/flags.js';
import { discordant, mcnemarExact } from '../lib/mcnemar.js';
import { CHART_CONFIG, type TopLevelSpec, writeChart } from '../lib/plot.js';
import { fmt, mean } from '../lib/stats.js';
import type { Tab3RunResult, Tab3Settings, Tab3Task } from './tab3-run.js';

export const TAB3_PROFILES_NAMES = ['quick', 'standard', 'paper'] as const;
export type Tab3Profile = (typeof TAB3_PROFILES_NAMES)[number];

export const MODEL_LABEL: Record<IbModel, string> = {
  deterministic: 'Baseline (deterministic)',
  dvb: 'DVB',
  'mine-gaussian': 'MINE (Gaussian)',
  'mine-propagated': 'MINE (propagated)',
  'mine-additive': 'MINE (additive)',
};

/** Table 3's misclassification rates (fractions), averaged over ten runs in the paper. */
export const PAPER_ERROR: Record<IbModel, number> = {
  deterministic: 0.0138,
  dvb: 0.0113,
  'mine-gaussian': 0.0111,
  'mine-propagated': 0.011,
  'mine-additive': 0.0101,
};

const BASE: Tab3Settings = {
  width: 1,
  trainImages: 60_000,
  epochs: 200,
  beta: 1e-3,
  batchSize: 100,
  polyakDecay: 0.999,
  curveTestImages: 10_000,
  curveSamples: 12,
  testImages: 10_000,
  testSamples: 12,
  logEvery: 100,
  checkpointEvery: 300,
};

/**
 * quick: a smoke test (<= 10 minutes on 2 cores, both cores): networks at 1/4 width, the first
 * 10,000 training images, 2 epochs, a faster Polyak average (0.99: the paper's 0.999 needs
 * thousands of steps to leave the initial weights).
 * standard: sized for one core of the shared 2-core machine this was developed on (~75 minutes
 * there, where a run got a quarter of a core: ~0.2 s per baseline iteration, ~0.3 s per DVB one
 * and ~0.9 s per MINE one at 1/4 width): 1/4 width, all 60,000 images, 2 epochs, one seed,
 * 12-sample test averaging, and a Polyak decay of 0.99: the paper's 0.999 (TensorFlow's
 * ExponentialMovingAverage, whose shadow starts at the initial weights) still gives the initial
 * weights 0.999^1200 = 30% of the average after 1,200 steps. On a quiet machine, raise --epochs.
 * paper: Alemi et al.'s networks at full width, 200 epochs, 3 seeds (the paper averages 10 runs).
 * Measured per-iteration times (and so per-epoch) are in the result's `timings`.
 */
export const TAB3_PROFILES: Record<
  Tab3Profile,
  { settings: Tab3Settings; seeds: number; workers: number }
> = {
  quick: {
    settings: {
      ...BASE,
      width: 0.25,
      trainImages: 10_000,
      epochs: 2,
      polyakDecay: 0.99,
      curveTestImages: 2000,
      curveSamples: 4,
      checkpointEvery: 0,
    },
    seeds: 1,
    workers: availableParallelism(),
  },
  standard: {
    settings: { ...BASE, width: 0.25, epochs: 2, polyakDecay: 0.99, curveTestImages: 2000 },
    seeds: 1,
    workers: 1,
  },
  paper: { settings: BASE, seeds: 3, workers: availableParallelism() },
};

/** The configuration of a run: the profile's settings, the models and the seeds. */
export interface Tab3Config {
  profile: Tab3Profile;
  settings: Tab3Settings;
  models: IbModel[];
  seeds: number[];
}

export interface Tab3Options extends ExperimentOptions<Tab3Config> {
  /** quick | standard | paper (this experiment adds `standard` to the common profiles). */
  tab3Profile?: Tab3Profile;
  /** Epochs (overrides the profile). */
  epochs?: number;
  /** Overrides of the profile's settings (tests use tiny networks). */
  settings?: Partial<Tab3Settings>;
  /** Models to run. @default all five */
  models?: IbModel[];
}

export interface Tab3ModelRow {
  model: IbModel;
  label: string;
  runs: number;
  /** Mean over seeds of the test misclassification rate (a fraction). */
  testError: number;
  perSeed: { seed: number; testError: number }[];
  paperTestError: number;
  /** testError − paper's, percentage points. */
  differencePoints: number;
  /** I(X; Z) estimates on the test set (nats): KL upper bound (Gaussian encoders), MINE read-out. */
  iXZ: { kl: number | null; mine: number | null };
  epochs: number;
  /** Training seconds per run (mean), per epoch, and the final evaluation's seconds. */
  seconds: number;
  secondsPerEpoch: number;
  evalSeconds: number;
}

export interface Tab3Comparison {
  a: IbModel;
  b: IbModel;
  seed: number;
  /** Test images only a gets wrong / only b gets wrong. */
  onlyA: number;
  onlyB: number;
  /** McNemar's exact two-sided p-value. */
  p: number;
}

export interface Tab3Body {
  models: Tab3ModelRow[];
  comparisons: Tab3Comparison[];
  /** Per model and epoch (the plot's data). */
  curves: {
    model: IbModel;
    seed: number;
    epoch: number;
    testError: number;
    kl: number | null;
    mine: number | null;
    seconds: number;
  }[];
  verdict: string;
}

export type Tab3Result = ExperimentResult<Tab3Config, Tab3Body>;
type Tab3Partial = PartialResult<Tab3Config, Tab3Body>;

export const TAB3: Experiment<Tab3Config, Tab3Task, Tab3RunResult, Tab3Body> = {
  name: 'tab3',
  title: 'Table 3: Information Bottleneck on permutation-invariant MNIST',
  paper: 'MINE(additive) 1.01% error; DVB 1.13%; baseline 1.38%',
  description: 'Table 3: Information Bottleneck on MNIST (baseline, DVB, MINE x3)',
  config(options) {
    const o = options as Tab3Options;
    const profile = o.tab3Profile ?? (o.profile as Tab3Profile | undefined) ?? 'quick';
    const base = TAB3_PROFILES[profile];
    const settings: Tab3Settings = {
      ...base.settings,
      ...o.settings,
      ...(o.epochs ? { epochs: o.epochs } : {}),
    };
    const first = o.seed ?? 0;
    return {
      profile,
      settings,
      models: o.models ?? [...IB_MODELS],
      seeds: seedList(first, o.seeds ?? base.seeds),
      ...o.config,
    };
  },
  tasks(config, out) {
    const dir = join(out, 'tab3-runs');
    return config.seeds.flatMap((seed, s) =>
      config.models.map((model, m) => ({
        id: s * config.models.length + m,
        model,
        seed,
        settings: config.settings,
        checkpoint: join(dir, `${model}-s${seed}.ckpt`),
        result: join(dir, `${model}-s${seed}.json`),
      })),
    );
  },
  runner: { module: new URL('./tab3-run.ts', import.meta.url), name: 'runTab3Task' },
  describeTask: (task) => `${MODEL_LABEL[task.model]} seed ${task.seed}`,
  plan: (config, tasks) =>
    `${config.profile} profile, ${tasks.length} runs (finished ones in tab3-runs/ are reused); ` +
    `width ${config.settings.width}, ${config.settings.trainImages} training images, ${config.settings.epochs} epochs`,
  progressLabel: (result, task) =>
    `${MODEL_LABEL[task.model]} seed ${task.seed}: test error ${(100 * result.testError).toFixed(2)}%, ` +
    `${result.secondsPerEpoch.toFixed(0)} s/epoch`,
  logEachResult: true,
  analyse(config, _tasks, results) {
    const models = config.models.map((model) =>
      modelRow(
        model,
        results.filter((r) => r.model === model),
      ),
    );
    const comparisons: Tab3Comparison[] = [];
    for (const seed of config.seeds) {
      for (let i = 0; i < config.models.length; i++) {
        for (let j = i + 1; j < config.models.length; j++) {
          const a = results.find((r) => r.model === config.models[i] && r.seed === seed)!;
          const b = results.find((r) => r.model === config.models[j] && r.seed === seed)!;
          const { onlyA, onlyB } = discordant(a.wrong, b.wrong);
          comparisons.push({
            a: a.model,
            b: b.model,
            seed,
            onlyA,
            onlyB,
            p: mcnemarExact(onlyA, onlyB),
          });
        }
      }
    }
    const curves = results.flatMap((r) =>
      r.history.map((h) => ({
        model: r.model,
        seed: r.seed,
        epoch: h.epoch,
        testError: h.testError,
        kl: h.kl,
        mine: h.mine,
        seconds: h.seconds,
      })),
    );
    return {
      body: { models, comparisons, curves, verdict: verdict(models, comparisons) },
      timings: {},
    };
  },
  writeArtifacts: (result, out) =>
    writeChart(curveSpec(result.curves, result.config.settings), out, 'tab3'),
  csv: (result) =>
    toCsv(['model', 'seed', 'epoch', 'testError', 'kl', 'mine', 'seconds'], result.curves),
  report: (result) => reportSection(result),
  summary: (result) => [
    `${result.title}: profile ${result.config.profile}, backend ${result.backend}, ${(result.timings.wallSeconds / 60).toFixed(1)} min`,
    '',
    ...result.models.map(
      (m) =>
        `  ${m.label.padEnd(26)} ${pct(m.testError).padStart(7)} (paper ${pct(m.paperTestError)})  ` +
        `KL ${fmt(m.iXZ.kl ?? undefined, 1).padStart(7)}  MINE ${fmt(m.iXZ.mine ?? undefined, 2).padStart(6)}  ` +
        `${m.secondsPerEpoch.toFixed(0)} s/epoch`,
    ),
    '',
    result.verdict,
  ],
};

/** Runs Table 3 and writes its files into `out`. */
export function run(options: Tab3Options = {}): Promise<Tab3Result> {
  const profile = options.tab3Profile ?? 'quick';
  return runExperiment(TAB3, {
    ...options,
    workers: options.workers ?? TAB3_PROFILES[profile].workers,
    // The skeleton's head records the profile; tab3 adds `standard` to the common two.
    profile: profile as Profile,
  });
}

function modelRow(model: IbModel, runs: readonly Tab3RunResult[]): Tab3ModelRow {
  const testError = mean(runs.map((r) => r.testError));
  const opt = (values: (number | null)[]) =>
    values.some((v) => v === null) ? null : mean(values as number[]);
  return {
    model,
    label: MODEL_LABEL[model],
    runs: runs.length,
    testError,
    perSeed: runs.map((r) => ({ seed: r.seed, testError: r.testError })),
    paperTestError: PAPER_ERROR[model],
    differencePoints: 100 * (testError - PAPER_ERROR[model]),
    iXZ: {
      kl: isGaussian(model) ? opt(runs.map((r) => r.kl)) : null,
      mine: usesMine(model) ? opt(runs.map((r) => r.mine)) : null,
    },
    epochs: runs[0]?.epochs ?? 0,
    seconds: mean(runs.map((r) => r.trainSeconds)),
    secondsPerEpoch: mean(runs.map((r) => r.secondsPerEpoch)),
    evalSeconds: mean(runs.map((r) => r.evalSeconds)),
  };
}

const pct = (v: number) => `${(100 * v).toFixed(2)}%`;

function reportSection(r: Tab3Partial): string {
  const s = r.config.settings;
  const lines = [
    '## Table 3: Information Bottleneck on permutation-invariant MNIST (Sec. 5.3, 8.1.5)',
    '',
    `Profile **${r.config.profile}**: networks at width ${s.width} of Alemi et al.'s (encoder ${Math.round(1024 * s.width)}-${Math.round(1024 * s.width)}, ` +
      `K = ${Math.round(256 * s.width)}, statistics network ${Math.round(512 * s.width)}-${Math.round(512 * s.width)}), ${s.trainImages} training images, ` +
      `${s.epochs} epochs of batch ${s.batchSize}, β = ${s.beta}, Adam 1e-4 (β1 0.5, × 0.97 every 2 epochs), Polyak decay ${s.polyakDecay}, ` +
      `test error on ${s.testImages} test images with the softmax averaged over ${s.testSamples} samples of z; seeds ${r.seeds.join(', ')}; ` +
      `backend ${r.backend}, ${r.workers} worker(s), ${(r.timings.wallSeconds / 60).toFixed(1)} min wall.` +
      (r.config.profile === 'paper'
        ? ''
        : ' The paper trains full-width networks for 200 epochs and averages 10 runs: compare directions, not digits.'),
    '',
    '| model | test error | paper | difference (points) | I(X;Z) KL bound (nats) | I(X;Z) MINE (nats) | epochs | s / epoch |',
    '|---|---|---|---|---|---|---|---|',
    ...r.models.map(
      (m) =>
        `| ${m.label} | ${pct(m.testError)} | ${pct(m.paperTestError)} | ${m.differencePoints >= 0 ? '+' : ''}${m.differencePoints.toFixed(2)} | ${fmt(m.iXZ.kl ?? undefined, 1)} | ${fmt(m.iXZ.mine ?? undefined, 2)} | ${m.epochs} | ${m.secondsPerEpoch.toFixed(0)} |`,
    ),
    '',
    `Paired McNemar tests (exact, two-sided) on the ${s.testImages} test images: "only A" counts images only`,
    'the first model gets wrong. p < 0.05 marks a difference beyond noise for that pair and seed.',
    '',
    '| A | B | seed | only A | only B | p | |',
    '|---|---|---|---|---|---|---|',
    ...r.comparisons.map(
      (c) =>
        `| ${MODEL_LABEL[c.a]} | ${MODEL_LABEL[c.b]} | ${c.seed} | ${c.onlyA} | ${c.onlyB} | ${c.p < 1e-4 ? c.p.toExponential(1) : c.p.toFixed(4)} | ${c.p < 0.05 ? 'significant' : 'within noise'} |`,
    ),
    '',
    r.verdict,
    '',
    `The KL column is the Gaussian encoder's E_x KL(q(z|x) ‖ N(0, I)), an upper bound on I(X; Z); the MINE column is the statistics network's Donsker-Varadhan read-out (noise off) on the test images in batches of 1,000, a lower bound whose tightness depends on the critic. Both use the live (not Polyak) weights.`,
    '',
    `![Table 3 curves](${r.files.png})`,
    '',
  ];
  return lines.join('\n');
}

function verdict(models: readonly Tab3ModelRow[], comparisons: readonly Tab3Comparison[]): string {
  const byError = [...models].sort((a, b) => a.testError - b.testError);
  const paperOrder = [...models].sort((a, b) => a.paperTestError - b.paperTestError);
  const base = models.find((m) => m.model === 'deterministic');
  const significant = comparisons.filter((c) => c.p < 0.05);
  const parts = [
    `Measured order (best first): ${byError.map((m) => m.label).join(' < ')}; the paper's: ${paperOrder.map((m) => m.label).join(' < ')}.`,
  ];
  if (base) {
    const better = models
      .filter((m) => m.model !== 'deterministic' && m.testError < base.testError)
      .map((m) => m.label);
    parts.push(
      better.length > 0
        ? `Below the baseline's error: ${better.join(', ')}.`
        : 'No bottleneck model is below the baseline here.',
    );
  }
  parts.push(
    significant.length === 0
      ? 'No pairwise difference is significant (McNemar p < 0.05): at this size, all differences are within noise.'
      : `Significant pairs (p < 0.05): ${significant.map((c) => `${MODEL_LABEL[c.a]} vs ${MODEL_LABEL[c.b]} (${c.onlyA} vs ${c.onlyB})`).join('; ')}; every other pair is within noise.`,
  );
  return parts.join(' ');
}

function curveSpec(curves: Tab3Body['curves'], s: Tab3Settings): TopLevelSpec {
  const errors = curves.map((c) => ({
    model: MODEL_LABEL[c.model],
    seed: c.seed,
    epoch: c.epoch,
    value: 100 * c.testError,
  }));
  const information = curves.flatMap((c) => [
    ...(c.kl !== null
      ? [{ model: `${MODEL_LABEL[c.model]} — KL bound`, seed: c.seed, epoch: c.epoch, value: c.kl }]
      : []),
    ...(c.mine !== null
      ? [{ model: `${MODEL_LABEL[c.model]} — MINE`, seed: c.seed, epoch: c.epoch, value: c.mine }]
      : []),
  ]);
  const panel = (title: string, values: object[], yTitle: string, scale: object) => ({
    title,
    width: 340,
    height: 260,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'epoch',
        type: 'quantitative',
        title: 'epoch',
        axis: { format: 'd', tickMinStep: 1 },
      },
      y: { field: 'value', type: 'quantitative', title: yTitle, scale },
      color: { field: 'model', type: 'nominal', title: null, legend: { labelLimit: 320 } },
      detail: { field: 'seed', type: 'nominal' },
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: 'Table 3: test error and I(X; Z) over epochs',
      subtitle: `width ${s.width}, ${s.trainImages} training images; on the first ${s.curveTestImages} test images (${s.curveSamples} samples of z)`,
    },
    config: CHART_CONFIG,
    hconcat: [
      panel('test error (Polyak weights)', errors, 'test error (%)', { type: 'log' }),
      panel('I(X; Z) estimates', information, 'nats (symlog scale)', { type: 'symlog' }),
    ],
    resolve: { scale: { color: 'independent' } },
  } as TopLevelSpec;
}

export const command = defineCommand({
  meta: {
    name: 'tab3',
    description: 'Table 3: Information Bottleneck on MNIST (baseline, DVB, MINE x3)',
  },
  args: {
    ...resumableArgs('tab3'),
    seed: { type: 'string', description: 'first seed (runs use seed, seed+1, …)', default: '0' },
    seeds: { type: 'string', description: 'number of seeds (default: from the profile)' },
    epochs: { type: 'string', description: 'epochs per run (default: from the profile)' },
    models: { type: 'string', description: `comma-separated subset of ${IB_MODELS.join(', ')}` },
  },
  async run({ args }) {
    const options: Tab3Options = parseFlags('tab3', () => ({
      tab3Profile: choiceFlag(args.profile, 'profile', TAB3_PROFILES_NAMES),
      seed: intFlag(args.seed, 'seed', 0) ?? 0,
      seeds: intFlag(args.seeds, 'seeds', 1),
      epochs: intFlag(args.epochs, 'epochs', 1),
      models: listFlag(args.models, 'model(s)', IB_MODELS),
      backend: String(args.backend),
      out: String(args.out),
      workers: intFlag(args.workers, 'workers', 0),
      progress: true,
      log: (line: string) => console.error(line),
    }));
    printResult(TAB3, await run(options), Boolean(args.json));
  },
});
