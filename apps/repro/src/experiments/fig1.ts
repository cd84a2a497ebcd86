/**
 * Fig. 1 (Sec. 4.1): I(X; Z) between d-dimensional standard Gaussians with componentwise
 * correlation corr(X_i, Z_j) = δ_ij ρ, for d = 2 and d = 20 over a grid of ρ in (−1, 1),
 * estimated by MINE (Donsker-Varadhan + moving average), MINE-f (f-divergence bound) and KSG,
 * against the truth −(d/2) log(1 − ρ²).
 */
import { componentwiseGaussianMi } from '@mine/core/math';
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
import { fmt, mean, sd, withinTolerance } from '../lib/stats.js';
import {
  type KsgSettings,
  type Method,
  type NeuralSettings,
  TASK_RUNNER,
  type Task,
  type TaskResult,
} from '../lib/task.js';

export const ESTIMATORS = ['mine', 'mine-f', 'ksg'] as const satisfies readonly Method[];
export type Fig1Estimator = (typeof ESTIMATORS)[number];

const LABEL: Record<Fig1Estimator, string> = { mine: 'MINE', 'mine-f': 'MINE-f', ksg: 'KSG' };

/** 13 values in (−1, 1), both signs, including ±0.99. */
export const RHOS = [-0.99, -0.9, -0.7, -0.5, -0.3, -0.1, 0, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99];

export const PAPER_CLAIM = 'MINE close to truth; beats KSG at d=20; MINE > MINE-f';

export interface Fig1Config {
  dims: number[];
  rhos: number[];
  seeds: number[];
  /** Rows drawn per (d, ρ, seed); all three estimators see the same rows. */
  n: number;
  neural: NeuralSettings;
  /** Per-dimension overrides of `neural` (keyed by d): d = 20 needs more steps than d = 2. */
  neuralByDim: Record<string, Partial<NeuralSettings>>;
  ksg: KsgSettings;
}

const stepsText = (config: Fig1Config) =>
  config.dims.map((d) => `${neuralFor(config, d).steps} steps at d=${d}`).join(', ');

/** The neural settings used at dimension d. */
export function neuralFor(config: Fig1Config, d: number): NeuralSettings {
  return { ...config.neural, ...config.neuralByDim[String(d)] };
}

/**
 * Sizes chosen by measurement on a 2-core machine (wasm backend; ~5-6 ms of CPU per training step
 * at batch 128, mostly per-op overhead, so small batches are not cheaper). quick: one seed, 5000
 * rows, a one-layer critic (as accurate as 128-128 at d=20 in 400-800 steps, faster, and it did not
 * collapse at ρ=0.9 where 128-128 did), 400 steps at d=2 and 500 at d=20: about 125 s of CPU in
 * all, so `pnpm start` takes about 70 s on two idle cores. paper: three seeds, 20k rows, a
 * two-layer critic and up to 4000 steps with early stopping (estimated at about an hour on two
 * idle cores; not run in full here).
 */
export const FIG1_PROFILES: Record<Profile, Omit<Fig1Config, 'seeds'> & { seedCount: number }> = {
  quick: {
    dims: [2, 20],
    rhos: RHOS,
    seedCount: 1,
    n: 5000,
    neural: {
      steps: 400,
      batchSize: 128,
      hidden: [256],
      learningRate: 1e-3,
      schedule: 'cosine',
      evalNegatives: 8,
      evalEvery: 25,
      averageLast: 4,
      patience: 4,
      bootstrap: 100,
    },
    neuralByDim: { '20': { steps: 500 } },
    ksg: { k: 3 },
  },
  paper: {
    dims: [2, 20],
    rhos: RHOS,
    seedCount: 3,
    n: 20_000,
    neural: {
      steps: 4000,
      batchSize: 256,
      hidden: [256, 256],
      learningRate: 1e-3,
      schedule: 'cosine',
      evalNegatives: 8,
      evalEvery: 100,
      averageLast: 5,
      patience: 10,
      bootstrap: 200,
    },
    neuralByDim: {},
    ksg: { k: 3 },
  },
};

/** `RunOptions` plus overrides of the profile's configuration (tests use tiny ones). */
export type Fig1Options = ExperimentOptions<Fig1Config>;

export interface Fig1Row {
  d: number;
  rho: number;
  truth: number;
  estimator: Fig1Estimator;
  seed: number;
  estimate: number;
  ci: [number, number];
  seconds: number;
  steps?: number;
  warnings?: string[];
}

export interface Fig1Summary {
  d: number;
  rho: number;
  truth: number;
  estimator: Fig1Estimator;
  /** Mean over seeds (nats). */
  mean: number;
  /** Standard deviation over seeds (0 with one seed). */
  sd: number;
  runs: number;
  /** Error bar: mean ± sd over seeds, or the run's own 95% interval when there is one seed. */
  low: number;
  high: number;
  errorBar: 'sd over seeds' | 'run interval';
}

export interface Fig1Body {
  rows: Fig1Row[];
  summary: Fig1Summary[];
  checks: Check[];
}

/** The summed time of the runs per estimator. */
export interface Fig1Timings {
  runSeconds: Record<Fig1Estimator, number>;
}

export type Fig1Result = ExperimentResult<Fig1Config, Fig1Body, Fig1Timings>;

function resolveConfig(options: Fig1Options): Fig1Config {
  const profile = FIG1_PROFILES[options.profile ?? 'quick'];
  const seeds = seedList(options.seed ?? 0, options.seeds ?? profile.seedCount);
  const base: Fig1Config = {
    dims: profile.dims,
    rhos: profile.rhos,
    seeds,
    n: options.n ?? profile.n,
    neural: { ...profile.neural, ...(options.steps ? { steps: options.steps } : {}) },
    // --steps applies to every d.
    neuralByDim: options.steps
      ? Object.fromEntries(
          Object.entries(profile.neuralByDim).map(([d, { steps: _, ...rest }]) => [d, rest]),
        )
      : profile.neuralByDim,
    ksg: profile.ksg,
  };
  const config = { ...base, ...options.config };
  for (const rho of config.rhos) {
    if (!(rho > -1 && rho < 1)) throw new Error(`rho must lie in (-1, 1), got ${rho}`);
  }
  return config;
}

function buildTasks(config: Fig1Config): Task[] {
  const tasks: Task[] = [];
  // Longest first (neural at d=20, neural at d=2, then KSG) so the pool ends evenly.
  const dims = [...config.dims].sort((a, b) => b - a);
  const methods: Fig1Estimator[] = ['mine', 'mine-f', 'ksg'];
  for (const group of [['mine', 'mine-f'], ['ksg']] as const) {
    for (const d of dims) {
      for (const seed of config.seeds) {
        for (const rho of config.rhos) {
          for (const method of methods.filter((m) => (group as readonly string[]).includes(m))) {
            tasks.push({
              id: tasks.length,
              dataset: { kind: 'correlated-gaussians', dim: d, rho },
              n: config.n,
              seed,
              method,
              neural: neuralFor(config, d),
              ksg: config.ksg,
            });
          }
        }
      }
    }
  }
  return tasks;
}

export function summarize(rows: readonly Fig1Row[]): Fig1Summary[] {
  const groups = new Map<string, Fig1Row[]>();
  for (const row of rows) {
    const key = `${row.d}|${row.rho}|${row.estimator}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const summary: Fig1Summary[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const estimates = group.map((r) => r.estimate);
    const m = mean(estimates);
    const s = sd(estimates);
    const oneRun = group.length === 1 && first.ci.every(Number.isFinite);
    summary.push({
      d: first.d,
      rho: first.rho,
      truth: first.truth,
      estimator: first.estimator,
      mean: m,
      sd: s,
      runs: group.length,
      low: oneRun ? first.ci[0] : m - s,
      high: oneRun ? first.ci[1] : m + s,
      errorBar: oneRun ? 'run interval' : 'sd over seeds',
    });
  }
  return summary.sort(
    (a, b) => a.d - b.d || a.rho - b.rho || a.estimator.localeCompare(b.estimator),
  );
}

function lookup(summary: readonly Fig1Summary[], d: number, rho: number, estimator: Fig1Estimator) {
  return summary.find((s) => s.d === d && s.rho === rho && s.estimator === estimator);
}

const rhoText = (rho: number) => (rho > 0 ? `+${rho}` : String(rho));

/** The paper's Fig. 1 claims, checked on the per-(d, ρ, estimator) means. */
export function fig1Checks(summary: readonly Fig1Summary[], config: Fig1Config): Check[] {
  const checks: Check[] = [];
  const add = (
    id: string,
    description: string,
    cases: { d: number; rho: number }[],
    test: (d: number, rho: number) => { ok: boolean; why: string } | undefined,
  ) => {
    let passed = 0;
    let total = 0;
    const failures: string[] = [];
    for (const { d, rho } of cases) {
      const result = test(d, rho);
      if (!result) continue;
      total++;
      if (result.ok) passed++;
      else failures.push(`d=${d}, ρ=${rhoText(rho)}: ${result.why}`);
    }
    if (total > 0) checks.push({ id, description, passed, total, ok: passed === total, failures });
  };
  const cases = (d: number, keep: (rho: number) => boolean) =>
    config.dims.includes(d) ? config.rhos.filter(keep).map((rho) => ({ d, rho })) : [];
  const tolerance = (estimator: Fig1Estimator) => (d: number, rho: number) => {
    const s = lookup(summary, d, rho, estimator);
    if (!s) return undefined;
    const ok = withinTolerance(s.mean, s.truth);
    return { ok, why: `${LABEL[estimator]} ${fmt(s.mean)} vs truth ${fmt(s.truth)}` };
  };
  const closer = (a: Fig1Estimator, b: Fig1Estimator) => (d: number, rho: number) => {
    const sa = lookup(summary, d, rho, a);
    const sb = lookup(summary, d, rho, b);
    if (!sa || !sb) return undefined;
    const ok = Math.abs(sa.mean - sa.truth) < Math.abs(sb.mean - sb.truth);
    return {
      ok,
      why: `${LABEL[a]} ${fmt(sa.mean)}, ${LABEL[b]} ${fmt(sb.mean)}, truth ${fmt(sa.truth)}`,
    };
  };
  const small = (rho: number) => Math.abs(rho) <= 0.9;
  const large = (rho: number) => Math.abs(rho) >= 0.5;
  add(
    'mine-d2',
    'MINE within max(0.1 nats, 10%) of truth at d=2 for |ρ| ≤ 0.9',
    cases(2, small),
    tolerance('mine'),
  );
  add(
    'ksg-d2',
    'KSG within max(0.1 nats, 10%) of truth at d=2 for |ρ| ≤ 0.9',
    cases(2, small),
    tolerance('ksg'),
  );
  add(
    'mine-beats-ksg-d20',
    'MINE closer to truth than KSG at d=20 for |ρ| ≥ 0.5',
    cases(20, large),
    closer('mine', 'ksg'),
  );
  add(
    'mine-beats-mine-f',
    'MINE closer to truth than MINE-f for |ρ| ≥ 0.5 (both d)',
    config.dims.flatMap((d) => cases(d, large)),
    closer('mine', 'mine-f'),
  );
  add(
    'mine-d20',
    'MINE within max(0.1 nats, 10%) of truth at d=20 for |ρ| ≤ 0.5',
    cases(20, (rho) => Math.abs(rho) <= 0.5),
    tolerance('mine'),
  );
  return checks;
}

/** Rows of the d-panel table: ρ, truth and the mean of each estimator. */
export function tableLines(
  result: Pick<Fig1Result, 'summary' | 'config'>,
  markdown: boolean,
): string[] {
  const lines: string[] = [];
  const multi = result.config.seeds.length > 1;
  for (const d of result.config.dims) {
    const header = ['ρ', 'truth', 'MINE', 'MINE-f', 'KSG'];
    const body = result.config.rhos.map((rho) => {
      const cells = ESTIMATORS.map((e) => {
        const s = lookup(result.summary, d, rho, e);
        if (!s) return '–';
        return multi ? `${fmt(s.mean)} ± ${fmt(s.sd)}` : fmt(s.mean);
      });
      return [rhoText(rho), fmt(componentwiseGaussianMi(d, rho)), ...cells];
    });
    if (markdown) {
      lines.push(
        `**d = ${d}**`,
        '',
        `| ${header.join(' | ')} |`,
        `|${header.map(() => '---:').join('|')}|`,
      );
      for (const row of body) lines.push(`| ${row.join(' | ')} |`);
      lines.push('');
    } else {
      const width = multi ? 16 : 8;
      lines.push(`d = ${d}`);
      lines.push(
        [
          header[0]!.padStart(6),
          header[1]!.padStart(8),
          ...header.slice(2).map((h) => h.padStart(width)),
        ].join('  '),
      );
      for (const row of body) {
        lines.push(
          [
            row[0]!.padStart(6),
            row[1]!.padStart(8),
            ...row.slice(2).map((c) => c.padStart(width)),
          ].join('  '),
        );
      }
      lines.push('');
    }
  }
  return lines;
}

function reportSection(result: PartialResult<Fig1Config, Fig1Body, Fig1Timings>): string {
  const c = result.config;
  const n = c.neural;
  const perDim = c.dims
    .map((d) => {
      const s = neuralFor(c, d);
      return `d=${d}: critic MLP ${[2 * d, ...s.hidden, 1].join('-')} ReLU, ${s.steps} steps, mean of the last ${s.averageLast} held-out evaluations (every ${s.evalEvery} steps)`;
    })
    .join('; ');
  const lines = [
    '## Fig. 1: MI between correlated Gaussians (Sec. 4.1)',
    '',
    `**Paper:** "both MINE and Kraskov's estimation are virtually indistinguishable from the ground truth" at d=2; "MINE shows marked improvement over Kraskov's" at d=20; "MINE provides a tighter estimate of the mutual information than MINE-f". In short (DESIGN.md §6): ${PAPER_CLAIM}.`,
    '',
    `**This run:** profile \`${result.profile}\`, backend ${result.backend}, ${result.workers} worker thread(s), ` +
      `seeds ${result.seeds.join(', ')}, n = ${c.n} rows per (d, ρ, seed) (80% train / 20% held out for MINE, MINE-f), ` +
      `Adam lr ${n.learningRate} (${n.schedule} schedule), batch ${n.batchSize}, ${n.evalNegatives} shuffles of the held-out z per evaluation${n.patience ? `, early stopping after ${n.patience} evaluations without gain` : ''}; ${perDim}; KSG k = ${c.ksg.k} on all n rows. ` +
      `Wall time ${result.timings.wallSeconds.toFixed(1)} s.`,
    '',
    ...tableLines(result, true),
    '**Checks** (on the mean over seeds; tolerance rule of DESIGN.md §7 B5):',
    '',
    ...result.checks.map((ch) => `- ${checkLine(ch)}`),
    '',
  ];
  lines.push(...differenceLines(result.checks));
  const warned = result.rows.filter((r) => r.warnings && r.warnings.length > 0);
  if (warned.length > 0) {
    lines.push(
      `${warned.length} of ${result.rows.length} runs carried estimator warnings (see \`rows[].warnings\` in fig1.json), e.g. "${warned[0]!.warnings![0]}".`,
      '',
    );
  }
  lines.push(
    `![Fig. 1 reproduction](fig1.png)`,
    '',
    `Files: \`fig1.json\` (rows, summary, checks, configuration), \`fig1.csv\`, \`fig1.svg\`, \`fig1.png\`.`,
    '',
  );
  return lines.join('\n');
}

/** Two panels (d = 2, d = 20): the truth curve and each estimator's mean with error bars. */
export function fig1Spec(
  result: Pick<Fig1Result, 'summary' | 'config' | 'profile' | 'seeds'>,
): TopLevelSpec {
  const { config } = result;
  const lo = Math.min(...config.rhos);
  const hi = Math.max(...config.rhos);
  const offsets: Record<Fig1Estimator, number> = { mine: -0.012, 'mine-f': 0, ksg: 0.012 };
  const domain = ['truth', 'MINE', 'MINE-f', 'KSG'];
  const color = {
    field: 'series',
    type: 'nominal' as const,
    title: null,
    scale: { domain, range: ['#222222', '#1f77b4', '#ff7f0e', '#2ca02c'] },
  };
  const panel = (d: number) => {
    const truth = Array.from({ length: 201 }, (_, i) => {
      const rho = lo + ((hi - lo) * i) / 200;
      return { rho, mi: componentwiseGaussianMi(d, rho), series: 'truth' };
    });
    const points = result.summary
      .filter((s) => s.d === d)
      .map((s) => ({
        rho: s.rho + (config.rhos.length > 1 ? offsets[s.estimator] * (hi - lo) : 0),
        mi: s.mean,
        low: s.low,
        high: s.high,
        series: LABEL[s.estimator],
      }));
    const x = {
      field: 'rho',
      type: 'quantitative' as const,
      title: 'ρ',
      // Room beyond ±1 for the side-by-side estimator marks at ρ = ±0.99.
      scale: { domain: [Math.min(lo, -1) - 0.04, Math.max(hi, 1) + 0.04], nice: false },
      axis: { values: [-1, -0.5, 0, 0.5, 1] },
    };
    return {
      title: `d = ${d}`,
      width: 340,
      height: 280,
      layer: [
        {
          data: { values: truth },
          mark: { type: 'line' as const, strokeWidth: 1.5 },
          encoding: {
            x,
            y: { field: 'mi', type: 'quantitative' as const, title: 'I(X; Z) (nats)' },
            color,
          },
        },
        {
          data: { values: points },
          mark: { type: 'rule' as const, strokeWidth: 1.5 },
          encoding: {
            x,
            y: { field: 'low', type: 'quantitative' as const },
            y2: { field: 'high' },
            color,
          },
        },
        {
          data: { values: points },
          mark: { type: 'point' as const, filled: true, size: 40 },
          encoding: {
            x,
            y: { field: 'mi', type: 'quantitative' as const },
            color,
            shape: {
              field: 'series',
              type: 'nominal' as const,
              title: null,
              scale: { domain, range: ['stroke', 'circle', 'square', 'triangle-up'] },
            },
          },
        },
      ],
    };
  };
  const seeds = result.seeds.length;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'MI between two Gaussians with componentwise correlation ρ (MINE paper, Fig. 1)',
      subtitle: `profile ${result.profile}: n = ${config.n}, ${stepsText(config)}, ${seeds} seed${seeds > 1 ? 's (error bars: mean ± sd over seeds)' : " (error bars: the run's 95% interval)"}`,
    },
    hconcat: config.dims.map(panel),
    resolve: { scale: { y: 'independent' } },
    config: { ...CHART_CONFIG, legend: { ...CHART_CONFIG.legend, orient: 'bottom' } },
  } as TopLevelSpec;
}

/** Fig. 1 in the experiment skeleton: 78 independent runs in quick, one per (d, ρ, seed, estimator). */
export const FIG1: Experiment<Fig1Config, Task, TaskResult, Fig1Body, Fig1Timings> = {
  name: 'fig1',
  title: 'Fig. 1: MI between d-dimensional Gaussians with componentwise correlation ρ',
  paper: PAPER_CLAIM,
  description: 'Fig. 1: MINE, MINE-f and KSG on correlated Gaussians (d = 2, 20)',
  config: resolveConfig,
  tasks: buildTasks,
  runner: TASK_RUNNER,
  plan: (config, tasks) =>
    `${tasks.length} runs (d ∈ {${config.dims.join(', ')}}, ${config.rhos.length} ρ, ${config.seeds.length} seed(s), mine/mine-f/ksg), n = ${config.n}, ${stepsText(config)}`,
  progressLabel: (r, t) => {
    const ds = t.dataset as { dim: number; rho: number };
    return `${t.method} d=${ds.dim} ρ=${ds.rho}: ${fmt(r.estimate)}`;
  },
  analyse(config, tasks, results) {
    const rows: Fig1Row[] = tasks.map((t, i) => {
      const r = results[i]!;
      const ds = t.dataset as { dim: number; rho: number };
      return {
        d: ds.dim,
        rho: ds.rho,
        truth: componentwiseGaussianMi(ds.dim, ds.rho),
        estimator: t.method as Fig1Estimator,
        seed: t.seed,
        estimate: r.estimate,
        ci: r.ci,
        seconds: r.seconds,
        ...(r.steps === undefined ? {} : { steps: r.steps }),
        ...(r.warnings.length > 0 ? { warnings: r.warnings } : {}),
      };
    });
    rows.sort(
      (a, b) =>
        a.d - b.d ||
        a.rho - b.rho ||
        ESTIMATORS.indexOf(a.estimator) - ESTIMATORS.indexOf(b.estimator) ||
        a.seed - b.seed,
    );
    const summary = summarize(rows);
    const runSeconds = Object.fromEntries(
      ESTIMATORS.map((e) => [
        e,
        rows.filter((r) => r.estimator === e).reduce((s, r) => s + r.seconds, 0),
      ]),
    ) as Record<Fig1Estimator, number>;
    return {
      body: { rows, summary, checks: fig1Checks(summary, config) },
      timings: { runSeconds },
    };
  },
  writeArtifacts: (result, out) => writeChart(fig1Spec(result), out, 'fig1'),
  csv: (result) =>
    toCsv(
      [
        'd',
        'rho',
        'truth',
        'estimator',
        'seed',
        'estimate',
        'ci_low',
        'ci_high',
        'seconds',
        'steps',
      ],
      result.rows.map((r) => ({ ...r, ci_low: r.ci[0], ci_high: r.ci[1] })),
    ),
  report: reportSection,
  summary: (result) => [
    `Fig. 1: I(X; Z) in nats, truth = −(d/2)·log(1−ρ²); profile ${result.profile}, backend ${result.backend}, ${result.seeds.length} seed(s), ${result.timings.wallSeconds.toFixed(1)} s`,
    '',
    ...tableLines(result, false),
    ...result.checks.map(checkLine),
  ],
};

/** Runs Fig. 1 and writes fig1.json, fig1.csv, fig1.svg, fig1.png and report.md into `out`. */
export function run(options: Fig1Options = {}): Promise<Fig1Result> {
  return runExperiment(FIG1, options);
}

export const command = experimentCommand(FIG1);
