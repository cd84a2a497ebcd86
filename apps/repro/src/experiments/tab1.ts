/**
 * Table 1 (Sec. 5.1, 8.1.3): mode collapse on Stacked MNIST (three MNIST digits as RGB channels,
 * 1,000 modes). A DCGAN and GAN+MINE (the same DCGAN whose generator also maximises
 * I(G([ε, c]); c), Eq. 17, with the Eq. 21 clip) are trained on the same data; samples from
 * fixed z are scored with the shared digit classifier: modes seen (of 1,000) and the KL divergence
 * of the mode histogram to the uniform one. The data's own samples are scored the same way, the
 * floor a perfect generator would reach with as many samples. Figure 5-like sample grids per model.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type CodePrior, codeWidth, describeCodePrior } from '@mine/gan';
import { writeFileAtomic } from '@tools/plot';
import { defineCommand } from 'citty';
import { defaultClassifierDir } from '../lib/classifier-cache.js';
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
import { choiceFlag, intFlag, parseFlags, UsageError } from '../lib/flags.js';
import { imageGridPng } from '../lib/image-grid.js';
import { fmt, mean, sd } from '../lib/stats.js';
import { parseCodePrior } from './fig34-experiment.js';
import {
  TAB1_MODELS,
  type Tab1Model,
  type Tab1RunResult,
  type Tab1Settings,
  type Tab1Task,
} from './tab1-run.js';

export const TAB1_PROFILE_NAMES = ['quick', 'standard', 'paper'] as const;
export type Tab1Profile = (typeof TAB1_PROFILE_NAMES)[number];

export const MODEL_LABEL: Record<Tab1Model, string> = {
  dcgan: 'DCGAN',
  ganMine: 'GAN+MINE',
  data: 'data (real samples)',
};

/** Table 1 of the paper: modes (of 1,000) and KL, nats. */
export const PAPER_ROWS: { model: string; modes: number; kl: number; ours: Tab1Model | null }[] = [
  { model: 'DCGAN', modes: 99, kl: 3.4, ours: 'dcgan' },
  { model: 'ALI', modes: 16, kl: 5.4, ours: null },
  { model: 'Unrolled GAN', modes: 48.7, kl: 4.32, ours: null },
  { model: 'VEEGAN', modes: 150, kl: 2.95, ours: null },
  { model: 'PacGAN', modes: 1000, kl: 0.06, ours: null },
  { model: 'GAN+MINE', modes: 1000, kl: 0.05, ours: 'ganMine' },
];

/**
 * The code c of the prior z = [ε, c]: three independent one-hots of 10 classes (30 columns),
 * with ε ~ U(−1, 1)^70 so that z keeps Table 4's 100 columns. The paper does not state its code.
 * The toy experiments found a categorical code with as many values as the data has modes far
 * better than a continuous one (`DEFAULT_CODE_PRIOR` in fig34-experiment.ts: a continuous code has
 * no ceiling, and the generator raised I(G; c) by spreading its samples). Stacked MNIST has 1,000
 * modes; three one-hots of 10 give 1,000 equiprobable code values and the same ceiling log 1000 as
 * one one-hot of 1,000, but from 30 columns instead of 1,000: in a batch of 64 each of the 30
 * classes appears ~6 times, where each of 1,000 classes would appear 0.06 times, so the statistics
 * network (whose dynamic biases read c linearly) sees every column of the code in every batch.
 * `--code categorical:1000` runs the single one-hot instead.
 */
export const DEFAULT_TAB1_CODE: CodePrior = { kind: 'categoricals', codes: 3, classes: 10 };

const BASE: Tab1Settings = {
  width: 1,
  trainImages: 128_000,
  iterations: 100_000,
  batchSize: 64,
  learningRate: 2e-4,
  beta: 1,
  noiseDim: 70,
  codePrior: DEFAULT_TAB1_CODE,
  generatorSteps: 2,
  evalSamples: 26_000,
  miSamples: 1000,
  gridSamples: 100,
  logEvery: 100,
  checkpointEvery: 500,
};

/**
 * paper: Tables 4-6 at width 1, Adam 2e-4 (β1 0.5), batch 64, two generator steps per
 * discriminator step (PacGAN's code), 50 epochs of the 128,000 images (100,000 iterations),
 * 26,000 evaluation samples, 3 seeds (the paper reports ± over runs).
 * quick (<= 10 minutes on two free cores): width 1/8, 500 iterations, 5,000 evaluation samples.
 * Measured: 264 s of user CPU for the whole run (both workers), 6.4 minutes of wall time on two
 * cores shared with other work (load average 6-9); ~0.45 s per DCGAN iteration and ~0.70 s per
 * GAN+MINE one in their workers there. Loading and stacking MNIST takes ~3 s of CPU per worker,
 * scoring 5,000 samples ~10 s.
 * standard (<= 2 hours on two cores): width 1/4, 4,000 iterations (2 epochs of the 128,000
 * images), 26,000 evaluation samples, 1 seed, checkpoints every 250 iterations. Sizing: a
 * 10-iteration probe at width 1/4 (load average ~8, one wasm thread per run) took
 * ~0.72 s per DCGAN iteration and ~1.41 s per GAN+MINE one, so GAN+MINE's 4,000 iterations take
 * ~94 minutes with the DCGAN's (~48 minutes) beside it, plus a few minutes for the data row and
 * the 26,000-sample scoring. At 26,000 samples the data itself scores ~0.02 nats (5,000 samples: 989 modes, KL
 * 0.12), so a generator that drops modes shows it as a KL well above that floor. Measured
 * (76.5 minutes wall on two cores shared with other jobs; 0.71 s per DCGAN iteration, 1.14 s per
 * GAN+MINE one): the DCGAN covers 23 modes (KL 4.65), GAN+MINE 26 (KL 4.27), the data 1,000 (KL
 * 0.025); both generators have collapsed onto a few blurred triples at this budget.
 */
export const TAB1_PROFILES: Record<
  Tab1Profile,
  { settings: Tab1Settings; seeds: number; workers: number }
> = {
  quick: {
    settings: {
      ...BASE,
      width: 1 / 8,
      iterations: 500,
      evalSamples: 5000,
      logEvery: 50,
      checkpointEvery: 0,
    },
    seeds: 1,
    workers: Math.min(2, availableParallelism()),
  },
  standard: {
    settings: { ...BASE, width: 1 / 4, iterations: 4000, checkpointEvery: 250 },
    seeds: 1,
    workers: Math.min(2, availableParallelism()),
  },
  paper: { settings: BASE, seeds: 3, workers: availableParallelism() },
};

export interface Tab1Config {
  profile: Tab1Profile;
  settings: Tab1Settings;
  seeds: number[];
}

export interface Tab1Options extends ExperimentOptions<Tab1Config> {
  tab1Profile?: Tab1Profile;
  /** Overrides of the profile's settings (tests use tiny ones). */
  settings?: Partial<Tab1Settings>;
}

export interface Tab1ModelRow {
  model: Tab1Model;
  label: string;
  runs: number;
  /** Means over seeds. */
  modes: number;
  kl: number;
  /** Standard deviations over seeds (0 for one). */
  modesSd: number;
  klSd: number;
  perSeed: {
    seed: number;
    modes: number;
    kl: number;
    iterations: number;
    seconds: number;
    mutualInformation: number | null;
  }[];
  paper: { modes: number; kl: number } | null;
  iterations: number;
  /** Training seconds per run (mean) and per iteration. */
  seconds: number;
  secondsPerIteration: number;
  evalSeconds: number;
  samples: number;
  mutualInformation: number | null;
}

export interface Tab1Body {
  models: Tab1ModelRow[];
  /** Per run: the mode histogram (index 100·r + 10·g + b). */
  runs: { model: Tab1Model; seed: number; counts: number[] }[];
  verdict: { ganMineCoversMore: boolean; ganMineLowerKl: boolean; text: string };
}

export type Tab1Result = ExperimentResult<Tab1Config, Tab1Body>;
type Tab1Partial = PartialResult<Tab1Config, Tab1Body>;

const gridFile = (model: Tab1Model) => `tab1-${model}.png`;

export const TAB1: Experiment<Tab1Config, Tab1Task, Tab1RunResult, Tab1Body> = {
  name: 'tab1',
  title: 'Table 1: mode collapse on Stacked MNIST',
  paper: 'DCGAN 99 modes / KL 3.40; GAN+MINE 1000 / 0.05 (PacGAN 1000 / 0.06)',
  description: 'Table 1: DCGAN vs GAN+MINE on Stacked MNIST (modes of 1,000, KL)',
  config(options) {
    const o = options as Tab1Options;
    const profile = o.tab1Profile ?? (o.profile as Tab1Profile | undefined) ?? 'quick';
    const base = TAB1_PROFILES[profile];
    return {
      profile,
      settings: {
        ...base.settings,
        ...o.settings,
        ...(o.steps ? { iterations: o.steps } : {}),
      },
      seeds: seedList(o.seed ?? 0, o.seeds ?? base.seeds),
      ...o.config,
    };
  },
  tasks(config, out) {
    const dir = join(out, 'tab1-runs');
    const tasks: Tab1Task[] = [];
    // GAN+MINE first (the slowest), the data rows last (seconds each).
    for (const model of ['ganMine', 'dcgan', 'data'] as const) {
      for (const seed of model === 'data' ? config.seeds.slice(0, 1) : config.seeds) {
        tasks.push({
          id: tasks.length,
          model,
          seed,
          settings: config.settings,
          checkpoint: join(dir, `${model}-s${seed}.ckpt`),
          result: join(dir, `${model}-s${seed}.json`),
        });
      }
    }
    return tasks;
  },
  runner: { module: new URL('./tab1-run.ts', import.meta.url), name: 'runTab1Task' },
  describeTask: (task) => `${MODEL_LABEL[task.model]} seed ${task.seed}`,
  plan: (config, tasks) =>
    `${config.profile} profile, ${tasks.length} runs (finished ones in tab1-runs/ are reused); ` +
    `width ${config.settings.width}, ${config.settings.iterations} iterations of batch ${config.settings.batchSize}, ` +
    `${config.settings.evalSamples} evaluation samples`,
  progressLabel: (r, task) =>
    `${MODEL_LABEL[task.model]} seed ${task.seed}: ${r.modes} modes, KL ${r.kl.toFixed(2)}` +
    (r.iterations > 0 ? ` (${r.iterations} iterations, ${r.trainSeconds.toFixed(0)} s)` : ''),
  logEachResult: true,
  analyse(config, tasks, results) {
    const models = TAB1_MODELS.map((model) =>
      modelRow(
        model,
        results.filter((_, i) => tasks[i]!.model === model),
      ),
    ).filter((row) => row.runs > 0);
    const runs = results.map((r) => ({ model: r.model, seed: r.seed, counts: r.counts }));
    return { body: { models, runs, verdict: verdictOf(models, config) }, timings: {} };
  },
  files: {
    csv: 'tab1.csv',
    dcganPng: gridFile('dcgan'),
    ganMinePng: gridFile('ganMine'),
    dataPng: gridFile('data'),
  },
  async writeArtifacts(_result, out, runs) {
    // One grid per model, from its first seed (Figure 5: real samples, DCGAN, DCGAN with MINE).
    for (const model of TAB1_MODELS) {
      const first = runs.results.find((r) => r.model === model);
      if (!first || first.grid.length === 0) continue;
      const n = first.grid.length / (28 * 28 * 3);
      const pixels = Float32Array.from(first.grid, (b) => b / 255);
      await writeFileAtomic(
        join(out, gridFile(model)),
        imageGridPng(pixels, n, 28, 3, { columns: 10, range: [0, 1] }),
      );
    }
  },
  csv: (result) =>
    toCsv(
      ['model', 'seed', 'modes', 'kl', 'iterations', 'seconds', 'mutualInformation'],
      result.models.flatMap((m) => m.perSeed.map((p) => ({ model: m.model, ...p }))),
    ),
  report: (result) => reportSection(result),
  summary: (result) => [
    `${result.title}: profile ${result.config.profile}, backend ${result.backend}, ${(result.timings.wallSeconds / 60).toFixed(1)} min`,
    '',
    ...result.models.map(
      (m) =>
        `  ${m.label.padEnd(20)} modes ${fmt(m.modes, 1).padStart(7)}  KL ${fmt(m.kl, 3).padStart(6)}` +
        (m.paper ? `  (paper ${m.paper.modes} / ${m.paper.kl.toFixed(2)})` : '') +
        (m.iterations > 0 ? `  ${m.iterations} it, ${m.secondsPerIteration.toFixed(2)} s/it` : ''),
    ),
    '',
    result.verdict.text,
  ],
};

/** Runs Table 1 and writes its files into `out`. */
export async function run(options: Tab1Options = {}): Promise<Tab1Result> {
  const profile = options.tab1Profile ?? 'quick';
  // Before hours of training: the classifier's files must be there (each run verifies them).
  const dir = defaultClassifierDir();
  const missing = ['meta.json', 'model.json', 'weights.bin'].find((f) => !existsSync(join(dir, f)));
  if (missing) {
    throw new Error(
      `tab1 scores samples with the shared digit classifier, but ${join(dir, missing)} is missing; run \`pnpm repro classifier\` first`,
    );
  }
  return runExperiment(TAB1, {
    ...options,
    workers: options.workers ?? TAB1_PROFILES[profile].workers,
    // The skeleton's head records the profile; tab1 adds `standard` to the common two.
    profile: profile as Profile,
  });
}

function modelRow(model: Tab1Model, runs: readonly Tab1RunResult[]): Tab1ModelRow {
  const paper = PAPER_ROWS.find((p) => p.ours === model);
  const mis = runs.map((r) => r.mutualInformation).filter((v): v is number => v !== null);
  return {
    model,
    label: MODEL_LABEL[model],
    runs: runs.length,
    modes: mean(runs.map((r) => r.modes)),
    kl: mean(runs.map((r) => r.kl)),
    modesSd: sd(runs.map((r) => r.modes)),
    klSd: sd(runs.map((r) => r.kl)),
    perSeed: runs.map((r) => ({
      seed: r.seed,
      modes: r.modes,
      kl: r.kl,
      iterations: r.iterations,
      seconds: r.trainSeconds,
      mutualInformation: r.mutualInformation,
    })),
    paper: paper ? { modes: paper.modes, kl: paper.kl } : null,
    iterations: runs[0]?.iterations ?? 0,
    seconds: mean(runs.map((r) => r.trainSeconds)),
    secondsPerIteration: mean(runs.map((r) => r.secondsPerIteration)),
    evalSeconds: mean(runs.map((r) => r.evalSeconds)),
    samples: runs[0]?.samples ?? 0,
    mutualInformation: mis.length > 0 ? mean(mis) : null,
  };
}

function verdictOf(models: readonly Tab1ModelRow[], config: Tab1Config): Tab1Body['verdict'] {
  const dcgan = models.find((m) => m.model === 'dcgan');
  const mine = models.find((m) => m.model === 'ganMine');
  const data = models.find((m) => m.model === 'data');
  if (!dcgan || !mine) {
    return { ganMineCoversMore: false, ganMineLowerKl: false, text: 'Only one model was run.' };
  }
  const more = mine.modes > dcgan.modes;
  const lower = mine.kl < dcgan.kl;
  const s = config.settings;
  const parts = [
    `At the same budget (${s.iterations} iterations of batch ${s.batchSize}, width ${s.width}), GAN+MINE ` +
      `${more ? 'covers more' : 'does not cover more'} modes than the DCGAN (${fmt(mine.modes, 1)} vs ${fmt(dcgan.modes, 1)} of 1,000) ` +
      `with ${lower ? 'a lower' : 'no lower'} KL (${fmt(mine.kl, 3)} vs ${fmt(dcgan.kl, 3)} nats), on ${s.evalSamples} samples each` +
      (config.seeds.length > 1 ? ` (means over ${config.seeds.length} seeds).` : '.'),
  ];
  if (data) {
    parts.push(
      `Real samples score ${fmt(data.modes, 0)} modes and KL ${fmt(data.kl, 3)}: the floor at this sample size.`,
    );
  }
  return { ganMineCoversMore: more, ganMineLowerKl: lower, text: parts.join(' ') };
}

function reportSection(r: Tab1Partial): string {
  const s = r.config.settings;
  const z = s.noiseDim + codeWidth(s.codePrior);
  const w = (c: number) => Math.max(1, Math.round(c * s.width));
  const cell = (m: Tab1ModelRow, key: 'modes' | 'kl', digits: number) => {
    const value = fmt(m[key], digits);
    if (m.runs <= 1) return value;
    const spread = fmt(key === 'modes' ? m.modesSd : m.klSd, digits);
    return `${value} ± ${spread} (${m.perSeed.map((p) => fmt(p[key], digits)).join(', ')})`;
  };
  const lines = [
    '## Table 1: mode collapse on Stacked MNIST (Sec. 5.1, 8.1.3)',
    '',
    `Profile **${r.config.profile}**: Stacked MNIST of ${s.trainImages} images (three MNIST training digits as RGB, seed 0), ` +
      `generator ${z}-${w(512)}-${w(256)}-${w(128)}-${w(64)}-3 (Table 4 at width ${s.width}), discriminator ${w(64)}-${w(128)}-${w(256)}-${w(512)}-1 ` +
      `(Table 5, LeakyReLU 0.2), statistics network ${w(16)}-${w(32)}-${w(64)} convs + FC ${w(1024)} with dynamic bias from the code (Table 6); ` +
      `prior z = [ε, c], ε ~ U(−1, 1)^${s.noiseDim}, c ~ ${describeCodePrior(s.codePrior)} (both models get the same z; GAN+MINE maximises β·I(G(z); c), β = ${s.beta}, ` +
      `MI gradient clipped by Eq. 21); Adam ${s.learningRate} (β1 0.5), batch ${s.batchSize}, ${s.generatorSteps} generator step(s) per discriminator step, ` +
      `${s.iterations} iterations (${((s.iterations * s.batchSize) / s.trainImages).toFixed(2)} epochs). ` +
      `Scored on ${s.evalSamples} samples from fixed z: the shared digit classifier labels each channel, a sample's mode is its label triple; ` +
      `KL is between the mode histogram and the uniform one over 1,000 (log 1000 = 6.91 for one mode). Seeds ${r.seeds.join(', ')}; ` +
      `backend ${r.backend}, ${r.workers} worker(s), ${(r.timings.wallSeconds / 60).toFixed(1)} min wall.` +
      (r.config.profile === 'paper'
        ? ''
        : ' The paper trains width-1 networks for 50 epochs: compare directions, not digits.'),
    '',
    '| model | modes (of 1,000) | KL (nats) | paper modes | paper KL | iterations | s / iteration | I(G; c) read-out (nats) |',
    '|---|---|---|---|---|---|---|---|',
    ...r.models.map(
      (m) =>
        `| ${m.label} | ${cell(m, 'modes', 1)} | ${cell(m, 'kl', 3)} | ${m.paper ? m.paper.modes : '–'} | ${m.paper ? m.paper.kl.toFixed(2) : '–'} | ` +
        `${m.iterations || '–'} | ${m.iterations > 0 ? m.secondsPerIteration.toFixed(2) : '–'} | ${m.mutualInformation === null ? '–' : fmt(m.mutualInformation, 2)} |`,
    ),
    ...PAPER_ROWS.filter((p) => p.ours === null).map(
      (p) => `| ${p.model} (paper only) | – | – | ${p.modes} | ${p.kl.toFixed(2)} | – | – | – |`,
    ),
    '',
    `**Verdict:** ${r.verdict.text}`,
    '',
    'Samples (Figure 5: real samples, DCGAN, DCGAN with MINE; the first 100 evaluation samples of the first seed):',
    '',
    ...r.models.map((m) => `![${m.label}](${gridFile(m.model)})`),
    '',
    `Files: \`tab1.json\` (rows per model and seed, mode histograms, verdict, configuration), \`tab1.csv\`, ${r.models.map((m) => `\`${gridFile(m.model)}\``).join(', ')}.`,
    '',
  ];
  return lines.join('\n');
}

export const command = defineCommand({
  meta: { name: 'tab1', description: TAB1.description },
  args: {
    ...resumableArgs('tab1'),
    seed: { type: 'string', description: 'first seed (runs use seed, seed+1, …)', default: '0' },
    seeds: { type: 'string', description: 'number of seeds (default: from the profile)' },
    iterations: { type: 'string', description: 'training iterations (default: from the profile)' },
    width: { type: 'string', description: 'network width multiplier (default: from the profile)' },
    samples: { type: 'string', description: 'evaluation samples (default: from the profile)' },
    code: {
      type: 'string',
      description: 'code prior, e.g. categoricals:3x10 (default) or categorical:1000',
    },
  },
  async run({ args }) {
    const options: Tab1Options = parseFlags('tab1', () => {
      const width = args.width === undefined ? undefined : Number(args.width);
      if (width !== undefined && !(width > 0 && width <= 8)) {
        throw new UsageError(`--width must be in (0, 8], got "${String(args.width)}"`);
      }
      let codePrior: CodePrior | undefined;
      if (args.code) {
        try {
          codePrior = parseCodePrior(String(args.code));
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
      }
      const samples = intFlag(args.samples, 'samples', 1);
      const settings: Partial<Tab1Settings> = {
        ...(width !== undefined ? { width } : {}),
        ...(samples !== undefined ? { evalSamples: samples } : {}),
        ...(codePrior ? { codePrior } : {}),
      };
      return {
        tab1Profile: choiceFlag(args.profile, 'profile', TAB1_PROFILE_NAMES),
        seed: intFlag(args.seed, 'seed', 0) ?? 0,
        seeds: intFlag(args.seeds, 'seeds', 1),
        steps: intFlag(args.iterations, 'iterations', 1),
        settings,
        backend: String(args.backend),
        out: String(args.out),
        workers: intFlag(args.workers, 'workers', 0),
        progress: true,
        log: (line: string) => console.error(line),
      };
    });
    printResult(TAB1, await run(options), Boolean(args.json));
  },
});
