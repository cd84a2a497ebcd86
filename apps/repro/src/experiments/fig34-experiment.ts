/**
 * The flow shared by Fig. 3 (spiral) and Fig. 4 (25 Gaussians): train GAN (β = 0) and GAN+MINE
 * (β = 1) for several seeds in worker threads, score the generated samples with an experiment's
 * coverage metrics, and write <name>.json / .csv / .svg / .png, <name>-kde.svg / .png and the
 * report.md section.
 */
import { join } from 'node:path';
import { assertCodePrior, type CodePrior, codeWidth, describeCodePrior } from '@mine/gan';
import { writeFileAtomic } from '@tools/plot';
import type { ArgsDef } from 'citty';
import { toCsv } from '../lib/csv.js';
import {
  type Experiment,
  type ExperimentOptions,
  type ExperimentResult,
  type PartialResult,
  type Profile,
  seedList,
  type TaskRuns,
} from '../lib/experiment.js';
import { writeChart } from '../lib/plot.js';
import { fmt } from '../lib/stats.js';
import {
  GAN_RUNNER,
  type GanModel,
  type GanSettings,
  type GanTask,
  type GanTaskResult,
  MODEL_LABEL,
  MODELS,
  pointSetOf,
  type ToyDataset,
} from './fig34-gan.js';
import { extentOf, kdeSpec, type RunSamples, scatterSpec, spread } from './fig34-plots.js';

export const PAPER_CLAIM = 'GAN+MINE covers the modes the GAN drops';

export interface ToyGanConfig {
  dataset: ToyDataset;
  seeds: number[];
  gan: GanSettings;
  /** KDE bandwidth of the density figure. */
  kdeBandwidth: number;
}

/**
 * The code prior of the experiments (the paper does not state one): a one-hot code of 25
 * classes, chosen by `pnpm repro fig4 --ablation` (128-unit networks, 3,000 iterations, seed 0).
 * With the Eq. 21 clip, GAN+MINE covered 23 of 25 modes (strict count) with I(G; c) = 3.03 nats
 * against log 25 = 3.22; with c ~ U(−1, 1)² it covered none (I(G; c) = 3.97 nats and rising:
 * a continuous code has no ceiling, and the generator raised it by spreading its samples).
 * Without the clip the one-hot code covered 6; the GAN (β 0) covered 5 with the one-hot input and
 * 7 with the uniform one. At the paper's sizes (`fig4 --profile paper`, 3 seeds) GAN+MINE covered
 * 24.7 ± 0.6 modes against the GAN's 13.3 ± 2.1. On the spiral the code splits the arc into 25
 * clusters (`fig3 --ablation`): more of the arc than a collapsed GAN, less than a spread one.
 */
export const DEFAULT_CODE_PRIOR: CodePrior = { kind: 'categorical', classes: 25 };

/** The paper's settings (Sec. 8.1.2) and a quick profile with fewer iterations. */
export function ganSettings(profile: Profile): GanSettings {
  const paper: GanSettings = {
    iterations: 5000,
    batchSize: 100,
    learningRate: 1e-4,
    beta: 1,
    noiseDim: 8,
    codePrior: DEFAULT_CODE_PRIOR,
    adaptiveClipping: true,
    monitorMutualInformation: false,
    generatorHidden: [500, 500],
    discriminatorHidden: [400, 400, 400],
    statisticsHidden: [400, 400, 400],
    datasetSize: 100_000,
    evalSamples: 2500,
    logEvery: 100,
    checkpointEvery: 500,
  };
  // quick: the same networks and optimiser, one seed, 4,000 iterations, no checkpoints: ~7.5
  // minutes on the 2-core machine (measured: ~62 ms per GAN iteration, ~111 ms per GAN+MINE one,
  // the two runs side by side; the paper's 5,000 take ~9.5 minutes). The GAN gathers on the modes
  // only after ~2,000 iterations at this learning rate, hence one long run rather than two short.
  return profile === 'paper' ? paper : { ...paper, iterations: 4000, checkpointEvery: 0 };
}

export const SEED_COUNT: Record<Profile, number> = { quick: 1, paper: 3 };

/** One run's metrics as plain numbers (the experiment names them). */
export type Metrics = Record<string, number>;

export interface ToyGanRow {
  model: GanModel;
  seed: number;
  /** The experiment's coverage metrics of the run's evaluation samples. */
  metrics: Metrics;
  /** Per-bin / per-mode counts of high-quality samples. */
  counts: number[];
  /** DV bound on I(G(ε, c); c) from the statistics network, nats (GAN+MINE only). */
  mutualInformation: number | null;
  seconds: number;
  resumedFrom: number;
  /** Diagnostics at the last iteration. */
  final: {
    discriminatorLoss: number;
    generatorLoss: number;
    adversarialNorm: number;
    mutualInformationNorm: number | null;
  } | null;
}

/** Per model: the mean of every metric, its sd over seeds, and the per-seed values. */
export type ModelSummary = Record<string, unknown> & {
  runs: number;
  sd: Record<string, number>;
  perSeed: ({ seed: number } & Metrics)[];
  mutualInformation: number | null;
};

export interface ToyGanBody {
  rows: ToyGanRow[];
  /** `summary.gan.<metric>` and `summary.ganMine.<metric>` are means over seeds. */
  summary: Record<GanModel, ModelSummary>;
  /** The same metrics on as many samples of the data itself: what a perfect generator scores. */
  reference: Metrics;
  verdict: {
    ganMineBetter: boolean;
    seedsBetter: number;
    seedsWorse: number;
    /** The spec's `claim` check; null when the spec has none. */
    claimHolds: boolean | null;
    text: string;
  };
}

export interface ToyGanTimings {
  /** Summed training seconds per model, and per iteration (wall, in its worker). */
  runSeconds: Record<GanModel, number>;
  secondsPerIteration: Record<GanModel, number>;
}

export type ToyGanResult = ExperimentResult<ToyGanConfig, ToyGanBody, ToyGanTimings>;
type ToyGanPartial = PartialResult<ToyGanConfig, ToyGanBody, ToyGanTimings>;

export interface ToyGanSpec {
  name: string;
  title: string;
  /** One line for `repro <name> --help`. */
  description: string;
  dataset: ToyDataset;
  /** KDE bandwidth of the density figure. */
  kdeBandwidth: number;
  /** Section heading of report.md. */
  heading: string;
  /** Scores a run's samples: metrics (named, numeric) and counts. */
  score: (points: Float32Array) => { metrics: Metrics; counts: number[] };
  /** Metric names in table order with their column titles, and the one the verdict compares. */
  columns: { key: string; title: string; digits: number; higherIsBetter: boolean }[];
  primary: string;
  /** Sentences on what the metrics mean, for the report. */
  metricText: string;
  paperText: string;
  /**
   * The paper's claim as a check on the per-model means, when it needs more than the primary
   * metric (Fig. 4: more modes by the strict count, no fewer by the loose one, quality no lower).
   */
  claim?: (summary: Record<GanModel, ModelSummary>) => { holds: boolean; text: string };
}

export type ToyGanOptions = ExperimentOptions<ToyGanConfig>;

/** What a command can change of the profile's GAN settings besides the common flags. */
export interface GanOverrides {
  codePrior?: CodePrior;
}

/** The flags fig3 and fig4 add to `commonArgs`. */
export const toyGanArgs = {
  ablation: {
    type: 'boolean',
    description:
      'run the ablation instead: code prior {one-hot of 25, U(−1, 1)²} × β {0, 1} × clip {on, off}, reduced networks',
  },
  code: {
    type: 'string',
    description:
      'code prior: categorical:K | categoricals:NxK | uniform:D | gaussian:D | mixed:K+D (default: the experiment’s)',
  },
} as const satisfies ArgsDef;

/**
 * Parses `--code`: "categorical:25", "categoricals:3x10" (three one-hots of 10 classes),
 * "uniform:2", "gaussian:2" or "mixed:10+2".
 */
export function parseCodePrior(text: string): CodePrior {
  const fail = () =>
    new Error(
      `--code must be categorical:K, categoricals:NxK, uniform:D, gaussian:D or mixed:K+D, got "${text}"`,
    );
  const several = /^categoricals:(\d+)x(\d+)$/.exec(text.trim());
  if (several) {
    const prior: CodePrior = {
      kind: 'categoricals',
      codes: Number(several[1]),
      classes: Number(several[2]),
    };
    try {
      assertCodePrior(prior, 'code');
    } catch (error) {
      throw new Error(`--code: ${(error as Error).message}`);
    }
    return prior;
  }
  const match = /^(categorical|uniform|gaussian|mixed):(\d+)(?:\+(\d+))?$/.exec(text.trim());
  if (!match) throw fail();
  const [, kind, first, second] = match;
  if ((kind === 'mixed') !== (second !== undefined)) throw fail();
  const a = Number(first);
  const prior: CodePrior =
    kind === 'categorical'
      ? { kind, classes: a }
      : kind === 'mixed'
        ? { kind, classes: a, dim: Number(second) }
        : { kind: kind as 'uniform' | 'gaussian', dim: a };
  try {
    assertCodePrior(prior, 'code');
  } catch (error) {
    throw new Error(`--code: ${(error as Error).message}`);
  }
  return prior;
}

export function resolveToyConfig(
  options: ToyGanOptions,
  dataset: ToyDataset,
  kdeBandwidth: number,
  overrides: GanOverrides = {},
): ToyGanConfig {
  const profile = options.profile ?? 'quick';
  const gan = ganSettings(profile);
  return {
    dataset,
    seeds: seedList(options.seed ?? 0, options.seeds ?? SEED_COUNT[profile]),
    gan: {
      ...gan,
      ...(options.steps ? { iterations: options.steps } : {}),
      ...(options.n ? { datasetSize: options.n } : {}),
      ...(overrides.codePrior ? { codePrior: overrides.codePrior } : {}),
    },
    kdeBandwidth,
    ...options.config,
  };
}

/** A toy GAN experiment (Fig. 3, Fig. 4) in the experiment skeleton: GAN and GAN+MINE per seed. */
export function toyGanExperiment(
  spec: ToyGanSpec,
  overrides: GanOverrides = {},
): Experiment<ToyGanConfig, GanTask, GanTaskResult, ToyGanBody, ToyGanTimings> {
  return {
    name: spec.name,
    title: spec.title,
    paper: PAPER_CLAIM,
    description: spec.description,
    config: (options) => resolveToyConfig(options, spec.dataset, spec.kdeBandwidth, overrides),
    tasks(config, out) {
      const tasks: GanTask[] = [];
      // GAN+MINE first: it is the slower model, so the pool ends evenly.
      for (const model of [...MODELS].reverse()) {
        for (const seed of config.seeds) {
          tasks.push({
            id: tasks.length,
            dataset: config.dataset,
            model,
            seed,
            settings: config.gan,
            ...(config.gan.checkpointEvery > 0
              ? { checkpoint: join(out, 'checkpoints', `${spec.name}-${model}-seed${seed}.ckpt`) }
              : {}),
          });
        }
      }
      return tasks;
    },
    runner: GAN_RUNNER,
    describeTask: (task) => `GAN run ${task.id}`,
    plan: (config, tasks) =>
      `${tasks.length} runs (GAN, GAN+MINE × ${config.seeds.length} seed(s)), ${config.gan.iterations} iterations, batch ${config.gan.batchSize}`,
    progressLabel(r, t) {
      const { metrics } = spec.score(r.points);
      return `${MODEL_LABEL[t.model]} seed ${t.seed}: ${spec.primary} ${fmt(metrics[spec.primary], 2)} (${r.seconds.toFixed(0)} s)`;
    },
    logEachResult: true,
    analyse: (config, tasks, results) => analyse(spec, config, tasks, results),
    files: {
      csv: `${spec.name}.csv`,
      samples: `${spec.name}-samples.csv`,
      svg: `${spec.name}.svg`,
      png: `${spec.name}.png`,
      kdeSvg: `${spec.name}-kde.svg`,
      kdePng: `${spec.name}-kde.png`,
    },
    writeArtifacts: (result, out, runs) => writeArtifacts(spec, result, out, runs),
    csv: (result) =>
      toCsv(
        [
          'model',
          'seed',
          ...spec.columns.map((c) => c.key),
          'mutualInformation',
          'seconds',
          'iterations',
        ],
        result.rows.map((r) => ({
          model: r.model,
          seed: r.seed,
          ...r.metrics,
          mutualInformation: r.mutualInformation,
          seconds: r.seconds,
          iterations: result.config.gan.iterations,
        })),
      ),
    report: (result) => reportSection(result, spec),
    summary: (result) => [
      `${spec.title}: profile ${result.profile}, backend ${result.backend}, ${result.seeds.length} seed(s), ${result.config.gan.iterations} iterations, ${result.timings.wallSeconds.toFixed(0)} s`,
      '',
      ...tableLines(result, spec, false),
      '',
      result.verdict.text,
    ],
  };
}

/** The evaluation samples of the real data (the reference row and the grey points). */
const realSamples = (config: ToyGanConfig) =>
  pointSetOf(config.dataset).sample(config.gan.evalSamples, 7);

function analyse(
  spec: ToyGanSpec,
  config: ToyGanConfig,
  tasks: readonly GanTask[],
  results: readonly GanTaskResult[],
): { body: ToyGanBody; timings: ToyGanTimings } {
  const rows: ToyGanRow[] = tasks.map((t, i) => {
    const r = results[i]!;
    const { metrics, counts } = spec.score(r.points);
    const last = r.history.at(-1);
    return {
      model: t.model,
      seed: t.seed,
      metrics,
      counts,
      mutualInformation: r.mutualInformation,
      seconds: r.seconds,
      resumedFrom: r.resumedFrom,
      final: last
        ? {
            discriminatorLoss: last.discriminatorLoss,
            generatorLoss: last.generatorLoss,
            adversarialNorm: last.adversarialNorm,
            mutualInformationNorm: last.mutualInformationNorm,
          }
        : null,
    };
  });
  rows.sort((a, b) => MODELS.indexOf(a.model) - MODELS.indexOf(b.model) || a.seed - b.seed);
  const summary = Object.fromEntries(
    MODELS.map((model) => [
      model,
      summarizeModel(
        rows.filter((r) => r.model === model),
        spec,
      ),
    ]),
  ) as Record<GanModel, ModelSummary>;
  const runSeconds = Object.fromEntries(
    MODELS.map((m) => [m, rows.filter((r) => r.model === m).reduce((s, r) => s + r.seconds, 0)]),
  ) as Record<GanModel, number>;
  const secondsPerIteration = Object.fromEntries(
    MODELS.map((m) => {
      const its = rows
        .filter((r) => r.model === m)
        .reduce((s, r) => s + config.gan.iterations - r.resumedFrom, 0);
      return [m, its > 0 ? runSeconds[m] / its : Number.NaN];
    }),
  ) as Record<GanModel, number>;
  const reference = spec.score(realSamples(config)).metrics;
  return {
    body: { rows, summary, reference, verdict: verdictOf(rows, summary, reference, spec) },
    timings: { runSeconds, secondsPerIteration },
  };
}

/** Real data vs generated samples, the KDEs, and the generated samples as CSV. */
async function writeArtifacts(
  spec: ToyGanSpec,
  result: ToyGanPartial,
  out: string,
  runs: TaskRuns<GanTask, GanTaskResult>,
) {
  const { config } = result;
  const samples: RunSamples[] = runs.tasks
    .map((t, i) => ({ model: t.model, seed: t.seed, points: runs.results[i]!.points }))
    .sort((a, b) => a.seed - b.seed || MODELS.indexOf(a.model) - MODELS.indexOf(b.model));
  const real = realSamples(config);
  const extent = extentOf(real);
  const iterationsText = `${config.gan.iterations} iterations, batch ${config.gan.batchSize}, Adam lr ${config.gan.learningRate}`;
  await writeChart(
    scatterSpec({
      title: `${spec.title}: real (grey) vs generated (red) samples`,
      subtitle: `${Math.min(1500, config.gan.evalSamples)} of ${config.gan.evalSamples} generated samples per run shown; ${iterationsText}`,
      real,
      runs: samples,
      extent,
    }),
    out,
    spec.name,
  );
  await writeChart(
    kdeSpec({
      title: `${spec.title}: kernel density estimates`,
      subtitle: `Gaussian KDE, bandwidth ${config.kdeBandwidth}, ${config.gan.evalSamples} samples per panel; ${iterationsText}`,
      real,
      runs: samples,
      extent,
      bandwidth: config.kdeBandwidth,
    }),
    out,
    `${spec.name}-kde`,
  );
  // The generated samples themselves, so runs can be re-scored or re-plotted without training.
  const sampleRows: { model: GanModel; seed: number; x: number; y: number }[] = [];
  for (const run of samples) {
    for (let i = 0; i < run.points.length / 2; i++) {
      sampleRows.push({
        model: run.model,
        seed: run.seed,
        x: run.points[2 * i]!,
        y: run.points[2 * i + 1]!,
      });
    }
  }
  await writeFileAtomic(
    join(out, `${spec.name}-samples.csv`),
    toCsv(['model', 'seed', 'x', 'y'], sampleRows),
  );
}

function summarizeModel(rows: readonly ToyGanRow[], spec: ToyGanSpec): ModelSummary {
  const means: Record<string, number> = {};
  const sds: Record<string, number> = {};
  for (const { key } of spec.columns) {
    const s = spread(rows.map((r) => r.metrics[key]!));
    means[key] = s.mean;
    sds[key] = s.sd;
  }
  const mis = rows.map((r) => r.mutualInformation).filter((v): v is number => v !== null);
  return {
    runs: rows.length,
    ...means,
    sd: sds,
    perSeed: rows.map((r) => ({ seed: r.seed, ...r.metrics })),
    mutualInformation: mis.length > 0 ? spread(mis).mean : null,
  };
}

function verdictOf(
  rows: readonly ToyGanRow[],
  summary: Record<GanModel, ModelSummary>,
  reference: Metrics,
  spec: ToyGanSpec,
): ToyGanResult['verdict'] {
  const key = spec.primary;
  const column = spec.columns.find((c) => c.key === key)!;
  const better = (a: number, b: number) => (column.higherIsBetter ? a > b : a < b);
  let seedsBetter = 0;
  let seedsWorse = 0;
  for (const r of rows.filter((row) => row.model === 'ganMine')) {
    const base = rows.find((row) => row.model === 'gan' && row.seed === r.seed);
    if (!base) continue;
    if (better(r.metrics[key]!, base.metrics[key]!)) seedsBetter++;
    else if (better(base.metrics[key]!, r.metrics[key]!)) seedsWorse++;
  }
  const g = summary.gan[key] as number;
  const m = summary.ganMine[key] as number;
  const ganMineBetter = better(m, g);
  const d = column.digits;
  const seeds = rows.filter((r) => r.model === 'ganMine').length;
  const text = ganMineBetter
    ? `GAN+MINE beats the GAN on ${column.title}: ${fmt(m, d)} vs ${fmt(g, d)} (mean over ${seeds} seed(s)); better on ${seedsBetter}, worse on ${seedsWorse} of ${seeds} paired seeds.`
    : `GAN+MINE does not beat the GAN on ${column.title} here: ${fmt(m, d)} vs ${fmt(g, d)} (mean over ${seeds} seed(s)); better on ${seedsBetter}, worse on ${seedsWorse} of ${seeds} paired seeds.`;
  // Say so when neither generator is near the data yet: the comparison is then between
  // under-trained generators, not about mode dropping.
  const quality = Math.max(
    summary.gan.highQualityShare as number,
    summary.ganMine.highQualityShare as number,
  );
  const dataQuality = reference.highQualityShare!;
  const note =
    quality < 0.5 * dataQuality
      ? ` Neither generator has concentrated on the data yet: at most ${fmt(100 * quality, 1)}% of their samples are high quality, against ${fmt(100 * dataQuality, 1)}% for samples of the data.`
      : '';
  const claim = spec.claim?.(summary) ?? null;
  return {
    ganMineBetter,
    seedsBetter,
    seedsWorse,
    claimHolds: claim ? claim.holds : null,
    text: text + (claim ? ` ${claim.text}` : '') + note,
  };
}

/** Table rows per model: mean ± sd (per-seed values). */
export function tableLines(
  result: Pick<ToyGanResult, 'summary' | 'rows' | 'reference'>,
  spec: ToyGanSpec,
  markdown: boolean,
): string[] {
  const header = ['model', ...spec.columns.map((c) => c.title), 'I(G; c) (nats)'];
  const body = MODELS.map((model) => {
    const s = result.summary[model];
    const cells = spec.columns.map((c) => {
      const perSeed = s.perSeed.map((p) => fmt(p[c.key], c.digits)).join(', ');
      const m = fmt(s[c.key] as number, c.digits);
      return s.runs > 1 ? `${m} ± ${fmt(s.sd[c.key], c.digits)} (${perSeed})` : m;
    });
    return [
      MODEL_LABEL[model],
      ...cells,
      s.mutualInformation === null ? '–' : fmt(s.mutualInformation, 2),
    ];
  });
  body.push([
    'data (reference)',
    ...spec.columns.map((c) => fmt(result.reference[c.key], c.digits)),
    '–',
  ]);
  if (markdown) {
    return [
      `| ${header.join(' | ')} |`,
      `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
      ...body.map((row) => `| ${row.join(' | ')} |`),
    ];
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), ...body.map(line)];
}

/** The data set's parameters as the report states them. */
export function datasetText(dataset: ToyDataset): string {
  return dataset.kind === 'spiral'
    ? `spiral, noise std ${dataset.noise}`
    : `25 Gaussians, std ${dataset.std}, grid spacing ${dataset.spacing} (centres ${dataset.spacing}·{−2, …, 2}²)`;
}

function reportSection(result: ToyGanPartial, spec: ToyGanSpec): string {
  const g = result.config.gan;
  const multi = result.seeds.length > 1;
  const codeDim = codeWidth(g.codePrior);
  const clip = g.adaptiveClipping
    ? 'MI gradient adaptively clipped by Eq. 21'
    : 'no gradient clipping';
  const lines = [
    `## ${spec.heading}`,
    '',
    `**Paper:** ${spec.paperText} (${PAPER_CLAIM}.)`,
    '',
    `**This run:** profile \`${result.profile}\`, backend ${result.backend}, ${result.workers} worker thread(s), seeds ${result.seeds.join(', ')}. ` +
      `GAN (β = 0, non-saturating loss) vs GAN+MINE (β = ${g.beta}, Eq. 17, ${clip}), ` +
      `${g.iterations} iterations, batch ${g.batchSize}, Adam lr ${g.learningRate} (β1 0.5) for generator, discriminator and statistics network; ` +
      `generator ${[g.noiseDim + codeDim, ...g.generatorHidden, 2].join('-')} (batch norm + LeakyReLU 0.2), ` +
      `discriminator 2-${g.discriminatorHidden.join('-')}-1 (LeakyReLU 0.2), statistics network ${2 + codeDim}-${g.statisticsHidden.join('-')}-1 (ReLU); ` +
      `prior ε ~ N(0, I_${g.noiseDim}), code c ~ ${describeCodePrior(g.codePrior)} (the GAN gets the same input); ${datasetText(result.config.dataset)}, ${g.datasetSize} training points; ` +
      `metrics on ${g.evalSamples} samples of the evaluation-mode generator. ` +
      `Wall time ${result.timings.wallSeconds.toFixed(0)} s; ${(1000 * result.timings.secondsPerIteration.gan).toFixed(0)} ms per GAN iteration and ` +
      `${(1000 * result.timings.secondsPerIteration.ganMine).toFixed(0)} ms per GAN+MINE iteration (wall, per worker).`,
    '',
    spec.metricText,
    '',
    multi ? 'Mean ± sd over seeds (per-seed values in brackets):' : 'One seed:',
    '',
    ...tableLines(result, spec, true),
    '',
    `**Verdict:** ${result.verdict.text}`,
    '',
    `![${spec.title}: samples](${result.files.png})`,
    '',
    `![${spec.title}: KDE](${result.files.kdePng})`,
    '',
    `Files: \`${result.files.json}\` (rows, per-model summary, verdict, configuration), \`${result.files.csv}\`, \`${result.files.samples}\` (the generated samples), \`${result.files.svg}\`, \`${result.files.kdeSvg}\`.`,
    '',
  ];
  return lines.join('\n');
}
