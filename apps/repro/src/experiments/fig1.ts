/**
 * Fig. 1 (Sec. 4.1): I(X; Z) between d-dimensional standard Gaussians with componentwise
 * correlation corr(X_i, Z_j) = δ_ij ρ, for d = 2 and d = 20 over a grid of ρ in (−1, 1),
 * estimated by MINE (Donsker-Varadhan + moving average), MINE-f (f-divergence bound) and KSG,
 * against the truth −(d/2) log(1 − ρ²).
 */
import { join, resolve } from 'node:path';
import { defineCommand } from 'citty';
import { toCsv } from '../lib/csv.js';
import {
  commonArgs,
  displayPath,
  type Profile,
  type RunOptions,
  runOptionsFromArgs,
  seedList,
  writeResults,
} from '../lib/experiment.js';
import type { TopLevelSpec } from '../lib/plot.js';
import { CHART_CONFIG, writeChart } from '../lib/plot.js';
import { runTasks } from '../lib/pool.js';
import { createProgress } from '../lib/progress.js';
import { fmt, mean, sd, withinTolerance } from '../lib/stats.js';
import type { KsgSettings, Method, NeuralSettings, Task } from '../lib/task.js';

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

export interface Fig1Options extends RunOptions {
  /** Overrides of the profile's configuration (tests use tiny ones). */
  config?: Partial<Fig1Config>;
}

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

export interface Check {
  id: string;
  description: string;
  passed: number;
  total: number;
  ok: boolean;
  /** The cases that failed, in words. */
  failures: string[];
}

export interface Fig1Result {
  experiment: 'fig1';
  title: string;
  paper: string;
  profile: Profile | 'custom';
  createdAt: string;
  backend: string;
  workers: number;
  seeds: number[];
  config: Fig1Config;
  /** Wall time of the whole experiment, and the summed time of the runs per estimator. */
  timings: { wallSeconds: number; runSeconds: Record<Fig1Estimator, number> };
  rows: Fig1Row[];
  summary: Fig1Summary[];
  checks: Check[];
  /** Absolute output folder, and the files written there. */
  out: string;
  files: { json: string; csv: string; svg: string; png: string; report: string };
  /** This experiment's section of report.md. */
  report: string;
}

/** I(X; Z) = −(d/2) log(1 − ρ²) nats. */
export function gaussianMi(d: number, rho: number): number {
  return -0.5 * d * Math.log1p(-rho * rho);
}

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
      return [rhoText(rho), fmt(gaussianMi(d, rho)), ...cells];
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

function checkLine(c: Check): string {
  return `${c.ok ? 'PASS' : 'FAIL'} ${c.description}: ${c.passed}/${c.total}`;
}

function reportSection(result: Omit<Fig1Result, 'report'>): string {
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
  const failed = result.checks.filter((ch) => !ch.ok);
  if (failed.length > 0) {
    lines.push('**Where we differ from the paper:**', '');
    for (const ch of failed) {
      lines.push(`- ${ch.description}: fails for ${ch.failures.join('; ')}.`);
    }
    lines.push('');
  } else {
    lines.push('Every check passes.', '');
  }
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
      return { rho, mi: gaussianMi(d, rho), series: 'truth' };
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

/** Runs Fig. 1 and writes fig1.json, fig1.csv, fig1.svg, fig1.png and report.md into `out`. */
export async function run(options: Fig1Options = {}): Promise<Fig1Result> {
  const started = performance.now();
  const config = resolveConfig(options);
  const out = resolve(options.out ?? 'results');
  const tasks = buildTasks(config);
  const log = options.log ?? (() => {});
  log(
    `[repro] fig1: ${tasks.length} runs (d ∈ {${config.dims.join(', ')}}, ${config.rhos.length} ρ, ${config.seeds.length} seed(s), mine/mine-f/ksg), n = ${config.n}, ${stepsText(config)}`,
  );
  const progress = createProgress(tasks.length, 'fig1', options.progress ?? false);
  const outcome = await runTasks(tasks, {
    workers: options.workers,
    backend: options.backend,
    onResult: (r, t) => {
      const ds = t.dataset as { dim: number; rho: number };
      progress.tick(`${t.method} d=${ds.dim} ρ=${ds.rho}: ${fmt(r.estimate)}`);
    },
  });
  progress.stop();
  log(`[repro] backend: ${outcome.backend}, ${outcome.workers} worker thread(s)`);

  const rows: Fig1Row[] = tasks.map((t, i) => {
    const r = outcome.results[i]!;
    const ds = t.dataset as { dim: number; rho: number };
    return {
      d: ds.dim,
      rho: ds.rho,
      truth: gaussianMi(ds.dim, ds.rho),
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
  const files = {
    json: 'fig1.json',
    csv: 'fig1.csv',
    svg: 'fig1.svg',
    png: 'fig1.png',
    report: 'report.md',
  };
  const partial = {
    experiment: 'fig1' as const,
    title: 'Fig. 1: MI between d-dimensional Gaussians with componentwise correlation ρ',
    paper: PAPER_CLAIM,
    profile: options.config ? ('custom' as const) : (options.profile ?? 'quick'),
    createdAt: new Date().toISOString(),
    backend: outcome.backend,
    workers: outcome.workers,
    seeds: config.seeds,
    config,
    timings: { wallSeconds: 0, runSeconds },
    rows,
    summary,
    checks: fig1Checks(summary, config),
    out,
    files,
  };
  await writeChart(fig1Spec(partial), out, 'fig1');
  partial.timings.wallSeconds = (performance.now() - started) / 1000;
  const result: Fig1Result = { ...partial, report: reportSection(partial) };
  const csv = toCsv(
    ['d', 'rho', 'truth', 'estimator', 'seed', 'estimate', 'ci_low', 'ci_high', 'seconds', 'steps'],
    rows.map((r) => ({ ...r, ci_low: r.ci[0], ci_high: r.ci[1] })),
  );
  await writeResults(out, 'fig1', result, csv);
  return result;
}

export const command = defineCommand({
  meta: {
    name: 'fig1',
    description: 'Fig. 1: MINE, MINE-f and KSG on correlated Gaussians (d = 2, 20)',
  },
  args: commonArgs,
  async run({ args }) {
    const result = await run(runOptionsFromArgs(args));
    if (args.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return;
    }
    const lines = [
      `Fig. 1: I(X; Z) in nats, truth = −(d/2)·log(1−ρ²); profile ${result.profile}, backend ${result.backend}, ${result.seeds.length} seed(s), ${result.timings.wallSeconds.toFixed(1)} s`,
      '',
      ...tableLines(result, false),
      ...result.checks.map(checkLine),
      '',
      'Wrote:',
      ...Object.values(result.files).map((f) => `  ${displayPath(join(result.out, f))}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  },
});
