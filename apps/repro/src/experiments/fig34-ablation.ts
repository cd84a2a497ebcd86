/**
 * `pnpm repro fig4 --ablation` (and fig3): which part of the setup decides whether GAN+MINE
 * covers the modes the GAN drops. The grid is code prior {one-hot of 25 classes, U(−1, 1)²} ×
 * β {0, 1} × Eq. 21 clip {on, off}, at reduced width and iterations so it runs in about half an
 * hour on two cores. With β = 0 there is no MI gradient to clip, so one β = 0 arm per prior
 * stands for both clip settings. Every arm trains a statistics network, so I(G; c) is logged
 * over training for the GAN too.
 */
import { join } from 'node:path';
import { type CodePrior, codeInformationCeiling, describeCodePrior } from '@mine/gan';
import { writeFileAtomic } from '@tools/plot';
import type { TopLevelSpec } from 'vega-lite';
import { toCsv } from '../lib/csv.js';
import {
  type Experiment,
  type ExperimentOptions,
  type ExperimentResult,
  type PartialResult,
  seedList,
  type TaskRuns,
} from '../lib/experiment.js';
import { CHART_CONFIG, writeChart } from '../lib/plot.js';
import { fmt, mean } from '../lib/stats.js';
import {
  datasetText,
  ganSettings,
  type Metrics,
  PAPER_CLAIM,
  type ToyGanSpec,
} from './fig34-experiment.js';
import {
  GAN_RUNNER,
  type GanSettings,
  type GanTask,
  type GanTaskResult,
  pointSetOf,
  type ToyDataset,
} from './fig34-gan.js';
import { extentOf, records, scatterPanel, spread } from './fig34-plots.js';

export const ABLATION_PRIORS: readonly CodePrior[] = [
  { kind: 'categorical', classes: 25 },
  { kind: 'uniform', dim: 2 },
];

export interface AblationArm {
  /** File-name safe, e.g. "categorical25-beta1-clip". */
  id: string;
  label: string;
  codePrior: CodePrior;
  beta: number;
  adaptiveClipping: boolean;
}

function priorId(prior: CodePrior): string {
  switch (prior.kind) {
    case 'categorical':
      return `categorical${prior.classes}`;
    case 'mixed':
      return `mixed${prior.classes}x${prior.dim}`;
    case 'categoricals':
      return `categoricals${prior.codes}x${prior.classes}`;
    default:
      return `${prior.kind}${prior.dim}`;
  }
}

/** A label short enough for a panel title, e.g. "one-hot 25" or "U(−1, 1)^2". */
function shortPrior(prior: CodePrior): string {
  return prior.kind === 'categorical' ? `one-hot ${prior.classes}` : describeCodePrior(prior);
}

/** For each prior: β = 0 (clip irrelevant), β = 1 with the Eq. 21 clip, β = 1 without. */
export function ablationArms(priors: readonly CodePrior[] = ABLATION_PRIORS): AblationArm[] {
  return priors.flatMap((codePrior) => {
    const p = priorId(codePrior);
    const c = shortPrior(codePrior);
    return [
      { id: `${p}-beta0`, label: `${c}, β 0`, codePrior, beta: 0, adaptiveClipping: true },
      {
        id: `${p}-beta1-clip`,
        label: `${c}, β 1, clip`,
        codePrior,
        beta: 1,
        adaptiveClipping: true,
      },
      {
        id: `${p}-beta1-noclip`,
        label: `${c}, β 1, no clip`,
        codePrior,
        beta: 1,
        adaptiveClipping: false,
      },
    ];
  });
}

/**
 * The reduced settings: 128-unit networks (generator 128-128, discriminator and statistics
 * network 128-128-128), 3,000 iterations, otherwise the paper profile's. The GAN gathers on the
 * modes only after ~2,000 iterations at lr 1e-4, so the iterations are not cut further.
 */
export function ablationSettings(): GanSettings {
  return {
    ...ganSettings('paper'),
    iterations: 3000,
    generatorHidden: [128, 128],
    discriminatorHidden: [128, 128, 128],
    statisticsHidden: [128, 128, 128],
    monitorMutualInformation: true,
  };
}

export const ABLATION_SEEDS = 2;

export interface AblationConfig {
  dataset: ToyDataset;
  seeds: number[];
  /** Shared settings; each arm sets β, the clip and the code prior. */
  gan: GanSettings;
  arms: AblationArm[];
}

export type AblationOptions = ExperimentOptions<AblationConfig>;

export function resolveAblationConfig(
  options: AblationOptions,
  dataset: ToyDataset,
): AblationConfig {
  return {
    dataset,
    seeds: seedList(options.seed ?? 0, options.seeds ?? ABLATION_SEEDS),
    gan: {
      ...ablationSettings(),
      ...(options.steps ? { iterations: options.steps } : {}),
      ...(options.n ? { datasetSize: options.n } : {}),
    },
    arms: ablationArms(),
    ...options.config,
  };
}

export interface AblationRow {
  arm: string;
  seed: number;
  metrics: Metrics;
  counts: number[];
  /** DV bound on I(G; c) on the evaluation samples at the end, nats. */
  mutualInformation: number | null;
  /** Share of logged iterations where ‖g_m‖ > ‖g_u‖ (the clip, when on, was active); β = 0: null. */
  clipActiveShare: number | null;
  seconds: number;
  secondsPerIteration: number;
  resumedFrom: number;
}

export interface ArmSummary {
  arm: string;
  label: string;
  codePrior: CodePrior;
  beta: number;
  adaptiveClipping: boolean;
  runs: number;
  means: Metrics;
  sd: Metrics;
  mutualInformation: number | null;
  /** log K for a categorical code, Infinity for a continuous one. */
  informationCeiling: number;
  clipActiveShare: number | null;
  secondsPerIteration: number;
}

export interface AblationBody {
  rows: AblationRow[];
  summary: ArmSummary[];
  /** I(G; c) of the training batch every `logEvery` iterations, mean over seeds, per arm. */
  history: { arm: string; step: number; mutualInformation: number }[];
  /** Sentences computed from the summary: the effect of β per prior, the best arm. */
  findings: string[];
}

export type AblationResult = ExperimentResult<AblationConfig, AblationBody>;
type AblationPartial = PartialResult<AblationConfig, AblationBody>;

/**
 * The ablation of a toy GAN experiment in the experiment skeleton: `<spec.name>-ablation`, one
 * run per arm and seed.
 */
export function toyGanAblation(
  spec: ToyGanSpec,
): Experiment<AblationConfig, GanTask, GanTaskResult, AblationBody> {
  const name = `${spec.name}-ablation`;
  return {
    name,
    title: `${spec.title}: ablation`,
    paper: PAPER_CLAIM,
    description: `${spec.title}: code prior × β × clip ablation at reduced size`,
    config: (options) => resolveAblationConfig(options, spec.dataset),
    tasks(config, out) {
      const tasks: GanTask[] = [];
      // β = 1 arms first: they are the slower ones, so the pool ends evenly.
      for (const arm of [...config.arms].sort((a, b) => b.beta - a.beta)) {
        for (const seed of config.seeds) {
          tasks.push({
            id: tasks.length,
            dataset: config.dataset,
            model: arm.beta > 0 ? 'ganMine' : 'gan',
            seed,
            arm: arm.id,
            settings: {
              ...config.gan,
              beta: arm.beta > 0 ? arm.beta : config.gan.beta,
              codePrior: arm.codePrior,
              adaptiveClipping: arm.adaptiveClipping,
            },
            ...(config.gan.checkpointEvery > 0
              ? { checkpoint: join(out, 'checkpoints', `${name}-${arm.id}-seed${seed}.ckpt`) }
              : {}),
          });
        }
      }
      return tasks;
    },
    runner: GAN_RUNNER,
    describeTask: (task) => `GAN run ${task.id} (${task.arm}, seed ${task.seed})`,
    plan: (config, tasks) =>
      `${tasks.length} runs (${config.arms.length} arms × ${config.seeds.length} seed(s)), ${config.gan.iterations} iterations, batch ${config.gan.batchSize}`,
    progressLabel(r, t) {
      const { metrics } = spec.score(r.points);
      return `${t.arm} seed ${t.seed}: ${spec.primary} ${fmt(metrics[spec.primary], 2)}, I(G; c) ${fmt(r.mutualInformation ?? Number.NaN, 2)} (${r.seconds.toFixed(0)} s)`;
    },
    logEachResult: true,
    analyse(config, tasks, results) {
      const arms = new Map(config.arms.map((a) => [a.id, a]));
      const rows = tasks.map((t, i) => rowOf(arms.get(t.arm!)!, t, results[i]!, spec));
      const order = new Map(config.arms.map((a, i) => [a.id, i]));
      rows.sort((a, b) => order.get(a.arm)! - order.get(b.arm)! || a.seed - b.seed);
      const summary = config.arms.map((arm) =>
        summarizeArm(
          arm,
          rows.filter((r) => r.arm === arm.id),
          spec,
        ),
      );
      return {
        body: {
          rows,
          summary,
          history: historyOf(config.arms, tasks, results),
          findings: findingsOf(summary, spec),
        },
        timings: {},
      };
    },
    files: {
      csv: `${name}.csv`,
      history: `${name}-history.csv`,
      svg: `${name}.svg`,
      png: `${name}.png`,
      samplesSvg: `${name}-samples.svg`,
      samplesPng: `${name}-samples.png`,
    },
    writeArtifacts: (result, out, runs) => writeArtifacts(spec, result, out, runs),
    csv: (result) =>
      toCsv(
        [
          'arm',
          'seed',
          ...spec.columns.map((c) => c.key),
          'mutualInformation',
          'clipActiveShare',
          'secondsPerIteration',
          'iterations',
        ],
        result.rows.map((r) => ({
          arm: r.arm,
          seed: r.seed,
          ...r.metrics,
          mutualInformation: r.mutualInformation,
          clipActiveShare: r.clipActiveShare,
          secondsPerIteration: r.secondsPerIteration,
          iterations: result.config.gan.iterations,
        })),
      ),
    report: (result) => ablationReport(result, spec),
    summary: (result) => [
      `${result.title}: ${result.config.arms.length} arms × ${result.config.seeds.length} seed(s), ${result.config.gan.iterations} iterations, backend ${result.backend}, ${result.timings.wallSeconds.toFixed(0)} s`,
      '',
      ...result.findings,
    ],
  };
}

/** I(G; c) over training, the first seed's samples per arm, and the history as CSV. */
async function writeArtifacts(
  spec: ToyGanSpec,
  result: AblationPartial,
  out: string,
  runs: TaskRuns<GanTask, GanTaskResult>,
) {
  const { config, history } = result;
  const name = result.experiment;
  const real = pointSetOf(config.dataset).sample(config.gan.evalSamples, 7);
  const iterationsText = `${config.gan.iterations} iterations, widths ${config.gan.generatorHidden[0]}, seeds ${config.seeds.join(', ')}`;
  await writeChart(
    informationSpec({
      title: `${spec.title} ablation: I(G([ε, c]); c) over training`,
      subtitle: `statistics network's DV bound on the training batch, mean over seeds; dashed: log K of the categorical code; ${iterationsText}`,
      history,
      arms: config.arms,
    }),
    out,
    name,
  );
  const firstSeed = config.seeds[0]!;
  const arms = new Map(config.arms.map((a) => [a.id, a]));
  await writeChart(
    armSamplesSpec({
      title: `${spec.title} ablation: generated samples (seed ${firstSeed})`,
      subtitle: `red: ${Math.min(1500, config.gan.evalSamples)} generated samples; grey: data; ${iterationsText}`,
      real,
      extent: extentOf(real),
      runs: runs.tasks
        .map((t, i) => ({ t, i }))
        .filter(({ t }) => t.seed === firstSeed)
        .map(({ t, i }) => ({ arm: arms.get(t.arm!)!, points: runs.results[i]!.points })),
      arms: config.arms,
    }),
    out,
    `${name}-samples`,
  );
  await writeFileAtomic(
    join(out, result.files.history!),
    toCsv(['arm', 'step', 'mutualInformation'], history),
  );
}

function rowOf(
  arm: AblationArm,
  task: GanTask,
  result: GanTaskResult,
  spec: ToyGanSpec,
): AblationRow {
  const { metrics, counts } = spec.score(result.points);
  const logged = result.history.filter((h) => h.mutualInformationNorm !== null);
  const iterations = task.settings.iterations - result.resumedFrom;
  return {
    arm: arm.id,
    seed: task.seed,
    metrics,
    counts,
    mutualInformation: result.mutualInformation,
    clipActiveShare:
      logged.length > 0
        ? logged.filter((h) => h.mutualInformationNorm! > h.adversarialNorm).length / logged.length
        : null,
    seconds: result.seconds,
    secondsPerIteration: iterations > 0 ? result.seconds / iterations : Number.NaN,
    resumedFrom: result.resumedFrom,
  };
}

function summarizeArm(
  arm: AblationArm,
  rows: readonly AblationRow[],
  spec: ToyGanSpec,
): ArmSummary {
  const means: Metrics = {};
  const sds: Metrics = {};
  for (const { key } of spec.columns) {
    const s = spread(rows.map((r) => r.metrics[key]!));
    means[key] = s.mean;
    sds[key] = s.sd;
  }
  const defined = (values: (number | null)[]) => values.filter((v): v is number => v !== null);
  const mis = defined(rows.map((r) => r.mutualInformation));
  const clips = defined(rows.map((r) => r.clipActiveShare));
  const speeds = rows.map((r) => r.secondsPerIteration).filter(Number.isFinite);
  return {
    arm: arm.id,
    label: arm.label,
    codePrior: arm.codePrior,
    beta: arm.beta,
    adaptiveClipping: arm.adaptiveClipping,
    runs: rows.length,
    means,
    sd: sds,
    mutualInformation: mis.length > 0 ? mean(mis) : null,
    informationCeiling: codeInformationCeiling(arm.codePrior),
    clipActiveShare: clips.length > 0 ? mean(clips) : null,
    secondsPerIteration: speeds.length > 0 ? mean(speeds) : Number.NaN,
  };
}

/** The training-batch I(G; c) per logged step, averaged over an arm's seeds. */
function historyOf(
  arms: readonly AblationArm[],
  tasks: readonly GanTask[],
  results: readonly GanTaskResult[],
): AblationBody['history'] {
  const out: AblationBody['history'] = [];
  for (const arm of arms) {
    const bySteps = new Map<number, number[]>();
    tasks.forEach((task, i) => {
      if (task.arm !== arm.id) return;
      for (const h of results[i]!.history) {
        if (h.mutualInformation === null || !Number.isFinite(h.mutualInformation)) continue;
        const list = bySteps.get(h.step) ?? [];
        list.push(h.mutualInformation);
        bySteps.set(h.step, list);
      }
    });
    for (const [step, values] of [...bySteps].sort((a, b) => a[0] - b[0])) {
      out.push({ arm: arm.id, step, mutualInformation: mean(values) });
    }
  }
  return out;
}

/** What the grid shows, as sentences computed from the means (no interpretation beyond them). */
function findingsOf(summary: readonly ArmSummary[], spec: ToyGanSpec): string[] {
  const primary = spec.columns.find((c) => c.key === spec.primary)!;
  const value = (s: ArmSummary) => s.means[spec.primary]!;
  const findings: string[] = [];
  const priors = [...new Set(summary.map((s) => JSON.stringify(s.codePrior)))];
  for (const p of priors) {
    const arms = summary.filter((s) => JSON.stringify(s.codePrior) === p);
    const base = arms.find((s) => s.beta === 0);
    if (!base) continue;
    for (const s of arms.filter((a) => a.beta > 0)) {
      const d = value(s) - value(base);
      findings.push(
        `${s.label}: ${primary.title} ${fmt(value(s), primary.digits)} against ${fmt(value(base), primary.digits)} at β 0 (${d > 0 ? '+' : ''}${fmt(d, primary.digits)}); high-quality share ${fmt(s.means.highQualityShare, 3)} against ${fmt(base.means.highQualityShare, 3)}.`,
      );
    }
  }
  const best = [...summary].sort((a, b) =>
    primary.higherIsBetter ? value(b) - value(a) : value(a) - value(b),
  )[0];
  if (best) {
    findings.push(
      `Best arm by ${primary.title}: ${best.label} (${fmt(value(best), primary.digits)}).`,
    );
  }
  for (const s of summary) {
    if (s.mutualInformation !== null && Number.isFinite(s.informationCeiling)) {
      findings.push(
        `${s.label}: final I(G; c) ${fmt(s.mutualInformation, 2)} nats against the code's entropy ${fmt(s.informationCeiling, 2)}.`,
      );
    }
  }
  return findings;
}

function ablationReport(result: AblationPartial, spec: ToyGanSpec): string {
  const g = result.config.gan;
  const header = [
    'arm',
    ...spec.columns.map((c) => c.title),
    'I(G; c) (nats)',
    'ceiling',
    'clip active',
    'ms / iteration',
  ];
  const multi = result.config.seeds.length > 1;
  const body = result.summary.map((s) => [
    s.label,
    ...spec.columns.map((c) =>
      multi
        ? `${fmt(s.means[c.key], c.digits)} ± ${fmt(s.sd[c.key], c.digits)}`
        : fmt(s.means[c.key], c.digits),
    ),
    s.mutualInformation === null ? '–' : fmt(s.mutualInformation, 2),
    Number.isFinite(s.informationCeiling) ? fmt(s.informationCeiling, 2) : '∞',
    s.clipActiveShare === null ? '–' : `${fmt(100 * s.clipActiveShare, 0)}%`,
    fmt(1000 * s.secondsPerIteration, 0),
  ]);
  const lines = [
    `## ${spec.title}: ablation of the code prior, β and the Eq. 21 clip`,
    '',
    `**Setup:** ${result.config.arms.length} arms × seeds ${result.config.seeds.join(', ')}; ${datasetText(result.config.dataset)}; ` +
      `${g.iterations} iterations, batch ${g.batchSize}, Adam lr ${g.learningRate} (β1 0.5); generator ${[`${g.noiseDim}+|c|`, ...g.generatorHidden, 2].join('-')}, ` +
      `discriminator 2-${g.discriminatorHidden.join('-')}-1, statistics network (2+|c|)-${g.statisticsHidden.join('-')}-1 in every arm (β 0 arms train it only to report I(G; c)); ` +
      `ε ~ N(0, I_${g.noiseDim}); metrics on ${g.evalSamples} evaluation-mode samples. ` +
      'With β 0 there is no MI gradient, so its arm stands for both clip settings. ' +
      `Backend ${result.backend}, ${result.workers} worker thread(s), wall time ${result.timings.wallSeconds.toFixed(0)} s.`,
    '',
    spec.metricText,
    '',
    multi ? 'Mean ± sd over seeds:' : 'One seed:',
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...body.map((row) => `| ${row.join(' | ')} |`),
    '',
    '"I(G; c)" is the statistics network\'s DV bound on fresh samples at the end; "clip active" is the ' +
      'share of logged iterations whose MI gradient norm exceeded the adversarial one; "ms / iteration" ' +
      'is wall time per iteration in its worker. The curves are the bound on each 100-sample training ' +
      "batch, noisy and above the held-out value; a resumed run's curve starts where it resumed.",
    '',
    ...result.findings.map((f) => `- ${f}`),
    '',
    `![${spec.title} ablation: I(G; c) over training](${result.files.png})`,
    '',
    `![${spec.title} ablation: samples per arm](${result.files.samplesPng})`,
    '',
    `Files: \`${result.files.json}\`, \`${result.files.csv}\`, \`${result.files.history}\` (I(G; c) per logged step).`,
    '',
  ];
  return lines.join('\n');
}

function informationSpec(options: {
  title: string;
  subtitle: string;
  history: AblationBody['history'];
  arms: readonly AblationArm[];
}): TopLevelSpec {
  const { title, subtitle, history, arms } = options;
  const label = new Map(arms.map((a) => [a.id, a.label]));
  const ceilings = [...new Set(arms.map((a) => codeInformationCeiling(a.codePrior)))].filter(
    Number.isFinite,
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: title, subtitle },
    config: CHART_CONFIG,
    width: 520,
    height: 300,
    layer: [
      {
        data: {
          values: history.map((h) => ({
            ...h,
            arm: label.get(h.arm) ?? h.arm,
          })),
        },
        mark: { type: 'line', point: false },
        encoding: {
          x: { field: 'step', type: 'quantitative', title: 'iteration' },
          y: { field: 'mutualInformation', type: 'quantitative', title: 'I(G; c), nats' },
          color: {
            field: 'arm',
            type: 'nominal',
            title: null,
            sort: arms.map((a) => a.label),
          },
        },
      },
      {
        data: { values: ceilings.map((y) => ({ y })) },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#555' },
        encoding: { y: { field: 'y', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}

function armSamplesSpec(options: {
  title: string;
  subtitle: string;
  real: Float32Array;
  extent: [number, number];
  runs: { arm: AblationArm; points: Float32Array }[];
  arms: readonly AblationArm[];
}): TopLevelSpec {
  const { title, subtitle, real, extent, runs, arms } = options;
  const values: Record<string, unknown>[] = [];
  const realRows = records(real, 800);
  for (const { arm, points } of runs) {
    for (const r of realRows) values.push({ ...r, arm: arm.label, source: 'real' });
    for (const r of records(points, 1500))
      values.push({ ...r, arm: arm.label, source: 'generated' });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: title, subtitle },
    config: CHART_CONFIG,
    data: { values },
    facet: {
      field: 'arm',
      type: 'nominal',
      title: null,
      sort: arms.map((a) => a.label),
      header: { labelLimit: 200 },
    },
    spacing: 12,
    columns: 3,
    spec: scatterPanel(extent, 180),
  } as TopLevelSpec;
}
