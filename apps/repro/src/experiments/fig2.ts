/**
 * Fig. 2 (Sec. 4.2, equitability): X ~ U(−1, 1)² and Y = f(X) + σ ε with ε ~ N(0, I), for
 * f ∈ {x, x³, sin x} and a grid of σ. The paper shows MINE's estimate as a heatmap over (f, σ)
 * and claims it depends on σ only. We also show the true MI per (f, σ), which is not exactly
 * equitable itself: for small σ it is d·(log 2 + E log|f′(X)| − ½ log(2πeσ²)).
 */
import type { EquitabilityFunction } from '@mine/datasets';
import { equitability, equitabilityFunctions } from '@mine/datasets';
import { type Check, checkLine, differenceLines } from '../lib/check.js';
import { toCsv } from '../lib/csv.js';
import {
  type Experiment,
  type ExperimentOptions,
  type ExperimentResult,
  experimentCommand,
  type PartialResult,
  type Profile,
  runExperiment,
  seedList,
} from '../lib/experiment.js';
import type { TopLevelSpec } from '../lib/plot.js';
import { CHART_CONFIG, writeChart } from '../lib/plot.js';
import { fmt, logspace, mean, roundSignificant, sd, withinTolerance } from '../lib/stats.js';
import { type NeuralSettings, TASK_RUNNER, type Task, type TaskResult } from '../lib/task.js';
import { FIG1_PROFILES } from './fig1.js';

export const PAPER_CLAIM = 'estimate depends on sigma only';

/** How f is written in tables and figures. */
export const F_LABEL: Record<EquitabilityFunction, string> = {
  linear: 'x',
  cubic: 'x³',
  sin: 'sin x',
};

export interface Fig2Config {
  functions: EquitabilityFunction[];
  sigmas: number[];
  /** Dimension of X and of Y (the paper uses 2). */
  dim: number;
  seeds: number[];
  n: number;
  neural: NeuralSettings;
}

/** σ from 0.01 to 1, log-spaced: the true MI then runs from ~8 nats down to ~0.3 nats. */
const sigmaGrid = (count: number) => logspace(0.01, 1, count).map((s) => roundSignificant(s, 3));

/** Fig. 1's neural settings (chosen by measurement there), with a deeper critic in quick. */
export const FIG2_PROFILES: Record<Profile, Omit<Fig2Config, 'seeds'> & { seedCount: number }> = {
  quick: {
    functions: [...equitabilityFunctions],
    sigmas: sigmaGrid(8),
    dim: 2,
    seedCount: 1,
    n: 5000,
    // Two hidden layers: with one (Fig. 1's quick critic) the estimate at small σ rose far slower
    // here (3.0 vs 4.9 nats at σ = 0.01 after 400 steps).
    neural: { ...FIG1_PROFILES.quick.neural, hidden: [128, 128] },
  },
  paper: {
    functions: [...equitabilityFunctions],
    sigmas: sigmaGrid(10),
    dim: 2,
    seedCount: 3,
    n: 10_000,
    neural: FIG1_PROFILES.paper.neural,
  },
};

export type Fig2Options = ExperimentOptions<Fig2Config>;

export interface Fig2Row {
  f: EquitabilityFunction;
  sigma: number;
  truth: number;
  seed: number;
  estimate: number;
  ci: [number, number];
  seconds: number;
  steps: number;
  warnings?: string[];
}

export interface Fig2Summary {
  f: EquitabilityFunction;
  sigma: number;
  truth: number;
  /** MINE, mean over seeds (nats). */
  mean: number;
  sd: number;
  runs: number;
}

export interface Fig2SigmaSummary {
  sigma: number;
  /** Mean of the MINE estimates over f. */
  mean: number;
  /** max − min of the MINE estimates over f. */
  spread: number;
  truthMean: number;
  truthSpread: number;
}

export interface Fig2Body {
  rows: Fig2Row[];
  summary: Fig2Summary[];
  perSigma: Fig2SigmaSummary[];
  /**
   * The headline numbers: the mean over σ of the spread across f, against the change across σ
   * (max − min over σ of the per-σ mean); the same for the true MI.
   */
  equitability: {
    meanSpread: number;
    sigmaChange: number;
    ratio: number;
    truthMeanSpread: number;
    truthSigmaChange: number;
    truthRatio: number;
  };
  checks: Check[];
}

/** The summed time of the runs. */
export interface Fig2Timings {
  runSeconds: number;
}

export type Fig2Result = ExperimentResult<Fig2Config, Fig2Body, Fig2Timings>;

function resolveConfig(options: Fig2Options): Fig2Config {
  const profile = FIG2_PROFILES[options.profile ?? 'quick'];
  const base: Fig2Config = {
    functions: profile.functions,
    sigmas: profile.sigmas,
    dim: profile.dim,
    seeds: seedList(options.seed ?? 0, options.seeds ?? profile.seedCount),
    n: options.n ?? profile.n,
    neural: { ...profile.neural, ...(options.steps ? { steps: options.steps } : {}) },
  };
  return { ...base, ...options.config };
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const power = (dim: number) =>
  dim === 1 ? '' : [...String(dim)].map((c) => SUPERSCRIPT[Number(c)]).join('');

function range(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? Number.NaN : Math.max(...finite) - Math.min(...finite);
}

export function summarize(rows: readonly Fig2Row[], config: Fig2Config) {
  const summary: Fig2Summary[] = [];
  for (const f of config.functions) {
    for (const sigma of config.sigmas) {
      const group = rows.filter((r) => r.f === f && r.sigma === sigma);
      if (group.length === 0) continue;
      const estimates = group.map((r) => r.estimate);
      summary.push({
        f,
        sigma,
        truth: group[0]!.truth,
        mean: mean(estimates),
        sd: sd(estimates),
        runs: group.length,
      });
    }
  }
  const perSigma: Fig2SigmaSummary[] = config.sigmas.map((sigma) => {
    const cells = summary.filter((s) => s.sigma === sigma);
    return {
      sigma,
      mean: mean(cells.map((c) => c.mean)),
      spread: range(cells.map((c) => c.mean)),
      truthMean: mean(cells.map((c) => c.truth)),
      truthSpread: range(cells.map((c) => c.truth)),
    };
  });
  const meanSpread = mean(perSigma.map((p) => p.spread));
  const sigmaChange = range(perSigma.map((p) => p.mean));
  const truthMeanSpread = mean(perSigma.map((p) => p.truthSpread));
  const truthSigmaChange = range(perSigma.map((p) => p.truthMean));
  return {
    summary,
    perSigma,
    equitability: {
      meanSpread,
      sigmaChange,
      ratio: meanSpread / sigmaChange,
      truthMeanSpread,
      truthSigmaChange,
      truthRatio: truthMeanSpread / truthSigmaChange,
    },
  };
}

export function fig2Checks(
  summary: readonly Fig2Summary[],
  perSigma: readonly Fig2SigmaSummary[],
  eq: Fig2Result['equitability'],
): Check[] {
  const spreadCheck = (which: 'spread' | 'truthSpread', change: number, who: string): Check => {
    const limit = Math.max(0.1, 0.1 * change);
    const failures = perSigma
      .filter((p) => !(p[which] <= limit))
      .map((p) => `σ=${p.sigma}: spread ${fmt(p[which])} > ${fmt(limit)}`);
    return {
      id: which === 'spread' ? 'sigma-only' : 'truth-sigma-only',
      description: `${who} spread across f ≤ max(0.1 nats, 10% of its change across σ = ${fmt(change)}) at each σ`,
      passed: perSigma.length - failures.length,
      total: perSigma.length,
      ok: failures.length === 0,
      failures,
    };
  };
  const off = summary
    .filter((s) => !withinTolerance(s.mean, s.truth))
    .map((s) => `f=${F_LABEL[s.f]}, σ=${s.sigma}: ${fmt(s.mean)} vs truth ${fmt(s.truth)}`);
  return [
    spreadCheck('spread', eq.sigmaChange, 'MINE'),
    spreadCheck('truthSpread', eq.truthSigmaChange, 'True MI'),
    {
      id: 'mine-vs-truth',
      description: 'MINE within max(0.1 nats, 10%) of the true MI per (f, σ)',
      passed: summary.length - off.length,
      total: summary.length,
      ok: off.length === 0,
      failures: off,
    },
  ];
}

/** One line per σ: MINE and truth for each f, then the spread across f. */
export function tableLines(
  result: Pick<Fig2Result, 'summary' | 'perSigma' | 'config'>,
  markdown: boolean,
): string[] {
  const { functions, seeds } = result.config;
  const header = [
    'σ',
    ...functions.flatMap((f) => [`MINE f=${F_LABEL[f]}`, `truth f=${F_LABEL[f]}`]),
    'MINE spread',
    'true spread',
  ];
  const body = result.perSigma.map((p) => [
    String(p.sigma),
    ...functions.flatMap((f) => {
      const s = result.summary.find((c) => c.f === f && c.sigma === p.sigma);
      if (!s) return ['–', '–'];
      return [
        seeds.length > 1 ? `${fmt(s.mean, 2)} ± ${fmt(s.sd, 2)}` : fmt(s.mean, 2),
        fmt(s.truth, 2),
      ];
    }),
    fmt(p.spread, 2),
    fmt(p.truthSpread, 2),
  ]);
  if (markdown) {
    return [
      `| ${header.join(' | ')} |`,
      `|${header.map(() => '---:').join('|')}|`,
      ...body.map((row) => `| ${row.join(' | ')} |`),
      '',
    ];
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  return [line(header), ...body.map(line), ''];
}

function reportSection(result: PartialResult<Fig2Config, Fig2Body, Fig2Timings>): string {
  const c = result.config;
  const n = c.neural;
  const e = result.equitability;
  const lines = [
    '## Fig. 2: equitability, Y = f(X) + σε (Sec. 4.2)',
    '',
    `**Paper:** "MINE is invariant to choice of deterministic nonlinear transformation": the heatmap of MINE's estimate over f ∈ {x, x³, sin x} and σ should change with σ only. In short (DESIGN.md §6): ${PAPER_CLAIM}.`,
    '',
    `**This run:** profile \`${result.profile}\`, backend ${result.backend}, ${result.workers} worker thread(s), seeds ${result.seeds.join(', ')}, ` +
      `X ~ U(−1, 1)${power(c.dim)}, ε ~ N(0, I), n = ${c.n} rows per (f, σ, seed), MINE with critic MLP ${[2 * c.dim, ...n.hidden, 1].join('-')}, ` +
      `Adam lr ${n.learningRate} (${n.schedule} schedule), batch ${n.batchSize}, ${n.steps} steps, mean of the last ${n.averageLast} held-out evaluations. ` +
      `True MI by numerical integration (\`@mine/datasets\` equitability().mutualInformation()). Wall time ${result.timings.wallSeconds.toFixed(1)} s.`,
    '',
    ...tableLines(result, true),
    `**Summary:** MINE's spread across f, averaged over σ, is **${fmt(e.meanSpread)} nats**, against a change across σ of **${fmt(e.sigmaChange)} nats** (ratio ${fmt(e.ratio)}). ` +
      `For the true MI the same numbers are ${fmt(e.truthMeanSpread)} vs ${fmt(e.truthSigmaChange)} nats (ratio ${fmt(e.truthRatio)}): the true MI itself depends on f a little, ` +
      `through E log|f′(X)| (for x³ it is log 3 − 2 ≈ −0.90 nats per dimension below x at small σ). ` +
      `MINE's mean spread across f is ${fmt((100 * e.meanSpread) / e.truthMeanSpread, 0)}% of the true one` +
      (e.sigmaChange < 0.8 * e.truthSigmaChange
        ? `; its change across σ is only ${fmt((100 * e.sigmaChange) / e.truthSigmaChange, 0)}% of the true one, because it underestimates the large MI at small σ.`
        : '.'),
    '',
    '**Checks:**',
    '',
    ...result.checks.map((ch) => `- ${checkLine(ch)}`),
    '',
  ];
  lines.push(...differenceLines(result.checks));
  lines.push(
    '![Fig. 2 reproduction](fig2.png)',
    '',
    'Files: `fig2.json` (rows, summary, per-σ spread, checks, configuration), `fig2.csv`, `fig2.svg`, `fig2.png`.',
    '',
  );
  return lines.join('\n');
}

/** Heatmaps of MINE's estimate and of the true MI over (f, σ), and both against σ as lines. */
export function fig2Spec(
  result: Pick<Fig2Result, 'summary' | 'config' | 'profile' | 'seeds'>,
): TopLevelSpec {
  const { config } = result;
  const sigmaLabels = config.sigmas.map(String);
  const fLabels = config.functions.map((f) => F_LABEL[f]);
  const cells = result.summary.flatMap((s) => [
    {
      panel: 'MINE estimate',
      f: F_LABEL[s.f],
      sigma: s.sigma,
      sigmaLabel: String(s.sigma),
      value: s.mean,
    },
    {
      panel: 'true MI',
      f: F_LABEL[s.f],
      sigma: s.sigma,
      sigmaLabel: String(s.sigma),
      value: s.truth,
    },
  ]);
  const maxValue = Math.max(...cells.map((c) => c.value).filter(Number.isFinite), 0.1);
  const heatmap = (panel: string) => ({
    title: panel === 'MINE estimate' ? "MINE's estimate (nats)" : 'true MI (nats)',
    width: 44 * config.sigmas.length,
    height: 36 * config.functions.length,
    data: { values: cells.filter((c) => c.panel === panel) },
    encoding: {
      x: {
        field: 'sigmaLabel',
        type: 'ordinal' as const,
        sort: sigmaLabels,
        title: 'σ',
        axis: { labelAngle: -45, grid: false },
      },
      y: {
        field: 'f',
        type: 'ordinal' as const,
        sort: fLabels,
        title: 'f(x)',
        axis: { grid: false },
      },
    },
    layer: [
      {
        mark: { type: 'rect' as const },
        encoding: {
          color: {
            field: 'value',
            type: 'quantitative' as const,
            title: 'nats',
            scale: { scheme: 'viridis', domain: [0, maxValue] },
          },
        },
      },
      {
        mark: { type: 'text' as const, fontSize: 10 },
        encoding: {
          text: { field: 'value', type: 'quantitative' as const, format: '.2f' },
          color: {
            condition: { test: `datum.value > ${maxValue * 0.55}`, value: 'black' },
            value: 'white',
          },
        },
      },
    ],
  });
  const lines = {
    title: 'I(X; Y) against σ: MINE (points) and truth (lines)',
    width: 44 * config.sigmas.length * 2 + 40,
    height: 220,
    data: {
      values: result.summary.map((s) => ({
        f: F_LABEL[s.f],
        sigma: s.sigma,
        mine: s.mean,
        truth: s.truth,
      })),
    },
    encoding: {
      x: {
        field: 'sigma',
        type: 'quantitative' as const,
        scale: { type: 'log' as const },
        title: 'σ (log scale)',
      },
      color: {
        field: 'f',
        type: 'nominal' as const,
        sort: fLabels,
        title: 'f(x)',
        scale: { range: ['#1f77b4', '#d62728', '#2ca02c'] },
      },
    },
    layer: [
      {
        mark: { type: 'line' as const, strokeDash: [4, 3] },
        encoding: { y: { field: 'truth', type: 'quantitative' as const, title: 'nats' } },
      },
      {
        mark: { type: 'point' as const, filled: true, size: 50 },
        encoding: {
          y: { field: 'mine', type: 'quantitative' as const },
        },
      },
    ],
  };
  const seeds = result.seeds.length;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Equitability: X ~ U(−1, 1)${power(config.dim)}, Y = f(X) + σε (MINE paper, Fig. 2)`,
      subtitle: `profile ${result.profile}: n = ${config.n}, ${config.neural.steps} steps, ${seeds} seed${seeds > 1 ? 's (mean shown)' : ''}`,
    },
    vconcat: [
      {
        hconcat: [heatmap('MINE estimate'), heatmap('true MI')],
        resolve: { scale: { color: 'shared' } },
      },
      lines,
    ],
    resolve: { scale: { color: 'independent' } },
    config: CHART_CONFIG,
  } as TopLevelSpec;
}

/** Fig. 2 in the experiment skeleton: one MINE run per (f, σ, seed). */
export const FIG2: Experiment<Fig2Config, Task, TaskResult, Fig2Body, Fig2Timings> = {
  name: 'fig2',
  title: 'Fig. 2: equitability of MINE, Y = f(X) + σε',
  paper: PAPER_CLAIM,
  description: 'Fig. 2: equitability heatmap of MINE over f ∈ {x, x³, sin x} and σ',
  config: resolveConfig,
  tasks(config) {
    const tasks: Task[] = [];
    for (const seed of config.seeds) {
      // Small σ (large MI) first: those runs are no slower, but it keeps the order predictable.
      for (const sigma of config.sigmas) {
        for (const f of config.functions) {
          tasks.push({
            id: tasks.length,
            dataset: { kind: 'equitability', f, sigma, dim: config.dim },
            n: config.n,
            seed,
            method: 'mine',
            neural: config.neural,
            ksg: { k: 3 },
          });
        }
      }
    }
    return tasks;
  },
  runner: TASK_RUNNER,
  plan: (config, tasks) =>
    `${tasks.length} MINE runs (${config.functions.length} f × ${config.sigmas.length} σ × ${config.seeds.length} seed(s)), n = ${config.n}, ${config.neural.steps} steps`,
  progressLabel: (r, t) => {
    const ds = t.dataset as { f: EquitabilityFunction; sigma: number };
    return `f=${F_LABEL[ds.f]} σ=${ds.sigma}: ${fmt(r.estimate)}`;
  },
  analyse(config, tasks, results) {
    const truths = new Map<string, number>();
    const rows: Fig2Row[] = tasks.map((t, i) => {
      const r = results[i]!;
      const ds = t.dataset as { f: EquitabilityFunction; sigma: number; dim: number };
      const key = `${ds.f}|${ds.sigma}`;
      if (!truths.has(key)) truths.set(key, equitability(ds).mutualInformation());
      return {
        f: ds.f,
        sigma: ds.sigma,
        truth: truths.get(key)!,
        seed: t.seed,
        estimate: r.estimate,
        ci: r.ci,
        seconds: r.seconds,
        steps: r.steps ?? 0,
        ...(r.warnings.length > 0 ? { warnings: r.warnings } : {}),
      };
    });
    const { summary, perSigma, equitability: eq } = summarize(rows, config);
    return {
      body: {
        rows,
        summary,
        perSigma,
        equitability: eq,
        checks: fig2Checks(summary, perSigma, eq),
      },
      timings: { runSeconds: rows.reduce((s, r) => s + r.seconds, 0) },
    };
  },
  writeArtifacts: (result, out) => writeChart(fig2Spec(result), out, 'fig2'),
  csv: (result) =>
    toCsv(
      ['f', 'sigma', 'truth', 'seed', 'estimate', 'ci_low', 'ci_high', 'seconds', 'steps'],
      result.rows.map((r) => ({ ...r, ci_low: r.ci[0], ci_high: r.ci[1] })),
    ),
  report: reportSection,
  summary(result) {
    const e = result.equitability;
    return [
      `Fig. 2: I(X; Y) in nats, Y = f(X) + σε, X ~ U(−1, 1)${power(result.config.dim)}; profile ${result.profile}, backend ${result.backend}, ${result.seeds.length} seed(s), ${result.timings.wallSeconds.toFixed(1)} s`,
      '',
      ...tableLines(result, false),
      `MINE: mean spread across f ${fmt(e.meanSpread)} nats vs change across σ ${fmt(e.sigmaChange)} nats (ratio ${fmt(e.ratio)})`,
      `truth: mean spread across f ${fmt(e.truthMeanSpread)} nats vs change across σ ${fmt(e.truthSigmaChange)} nats (ratio ${fmt(e.truthRatio)})`,
      ...result.checks.map(checkLine),
    ];
  },
};

/** Runs Fig. 2 and writes fig2.json, fig2.csv, fig2.svg, fig2.png and report.md into `out`. */
export function run(options: Fig2Options = {}): Promise<Fig2Result> {
  return runExperiment(FIG2, options);
}

export const command = experimentCommand(FIG2);
