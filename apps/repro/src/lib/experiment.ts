import { join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '@tools/plot';
import { type ArgsDef, defineCommand, type ParsedArgs } from 'citty';
import { runTasks, type TaskRunner } from './pool.js';
import { createProgress } from './progress.js';
import { rebuildReport } from './report.js';

export const PROFILES = ['quick', 'paper'] as const;
export type Profile = (typeof PROFILES)[number];

/** Options every experiment's `run` takes. */
export interface RunOptions {
  /** quick: minutes on two cores; paper: paper-like sizes and several seeds. @default 'quick' */
  profile?: Profile;
  /** First seed; runs use seed, seed+1, … @default 0 */
  seed?: number;
  /** Number of seeds (overrides the profile). */
  seeds?: number;
  /** Backend every worker selects. @default 'auto' (wasm here) */
  backend?: string;
  /** Output folder. @default 'results' */
  out?: string;
  /** Worker threads; 0 runs in this thread. @default os.availableParallelism() */
  workers?: number;
  /** Training steps (overrides the profile). */
  steps?: number;
  /** Rows per data set (overrides the profile). */
  n?: number;
  /** Show a progress bar on stderr when it is a terminal. @default false */
  progress?: boolean;
  /** Where status lines go. @default nowhere */
  log?: (line: string) => void;
}

/** The flags every experiment command takes (STYLE.md §12). */
export const commonArgs = {
  profile: {
    type: 'string',
    description: 'quick | paper',
    default: 'quick',
    valueHint: 'quick|paper',
  },
  seed: { type: 'string', description: 'first seed (runs use seed, seed+1, …)', default: '0' },
  seeds: { type: 'string', description: 'number of seeds (default: from the profile)' },
  backend: {
    type: 'string',
    description: 'tfjs backend: auto | wasm | cpu | tensorflow | webgpu',
    default: 'auto',
  },
  out: { type: 'string', description: 'output folder', default: 'results' },
  steps: {
    type: 'string',
    description: 'training steps per neural run (default: from the profile)',
  },
  n: { type: 'string', description: 'rows per data set (default: from the profile)' },
  workers: {
    type: 'string',
    description: 'worker threads, 0 = this thread (default: one per core)',
  },
  json: { type: 'boolean', description: 'print the result JSON to stdout instead of the table' },
} as const satisfies ArgsDef;

/**
 * The flags of the resumable MNIST experiments (tab1-tab3), beside their own: `commonArgs`'
 * backend and json, the standard profile, and finished runs and checkpoints kept under
 * <out>/<name>-runs.
 */
export function resumableArgs(name: string) {
  const { backend, json } = commonArgs;
  return {
    profile: {
      type: 'string',
      description: 'quick | standard | paper',
      default: 'quick',
      valueHint: 'quick|standard|paper',
    },
    backend,
    out: {
      type: 'string',
      description: `output folder (finished runs and checkpoints are kept in <out>/${name}-runs and resumed)`,
      default: 'results',
    },
    workers: {
      type: 'string',
      description: 'worker threads, 0 = this thread (default: from the profile)',
    },
    json,
  } as const satisfies ArgsDef;
}

function intArg(value: unknown, name: string, min: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new Error(`--${name} must be an integer ≥ ${min}, got "${String(value)}"`);
  }
  return n;
}

/** Turns parsed CLI flags into `RunOptions`, with clear errors for bad values. */
export function runOptionsFromArgs(args: ParsedArgs<typeof commonArgs>): RunOptions {
  const profile = String(args.profile);
  if (!(PROFILES as readonly string[]).includes(profile)) {
    throw new Error(`unknown profile "${profile}". Should be one of: ${PROFILES.join(', ')}`);
  }
  return {
    profile: profile as Profile,
    seed: intArg(args.seed, 'seed', 0) ?? 0,
    seeds: intArg(args.seeds, 'seeds', 1),
    backend: String(args.backend),
    out: String(args.out),
    steps: intArg(args.steps, 'steps', 1),
    n: intArg(args.n, 'n', 20),
    workers: intArg(args.workers, 'workers', 0),
    progress: true,
    log: (line) => console.error(line),
  };
}

/** Seeds `first`, `first+1`, … */
export function seedList(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

/** Writes `<name>.json` and `<name>.csv`, then rebuilds report.md from all JSONs in `dir`. */
export async function writeResults(
  dir: string,
  name: string,
  json: unknown,
  csv: string,
): Promise<{ json: string; csv: string; report: string }> {
  const paths = { json: join(dir, `${name}.json`), csv: join(dir, `${name}.csv`) };
  await writeFileAtomic(paths.json, `${JSON.stringify(json, null, 2)}\n`);
  await writeFileAtomic(paths.csv, csv);
  return { ...paths, report: await rebuildReport(dir) };
}

/**
 * The end of a one-figure report section: the figure, then the files (`contents` says what the
 * JSON holds).
 */
export function figureLines(name: string, alt: string, contents: string): string[] {
  return [
    `![${alt}](${name}.png)`,
    '',
    `Files: \`${name}.json\` (${contents}), \`${name}.csv\`, \`${name}.svg\`, \`${name}.png\`.`,
    '',
  ];
}

/** A path as the user would type it from the current folder. */
/**
 * A report's time line: this invocation's wall time, and the training time summed over the runs.
 * A rerun that reuses finished runs takes seconds; what those runs cost is the second number.
 */
export function timeNote(wallSeconds: number, trainSeconds: readonly number[]): string {
  const minutes = (s: number) => `${(s / 60).toFixed(1)} min`;
  const total = trainSeconds.reduce((a, b) => a + b, 0);
  return `${minutes(wallSeconds)} wall, ${minutes(total)} of training over ${trainSeconds.length} run(s)`;
}

export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

/** The fields every experiment JSON starts with, before its own body. */
export interface ExperimentHead<C> {
  /** Name of the experiment: its command, its files' stem, its report.md section. */
  experiment: string;
  title: string;
  /** The paper's claim in a line (DESIGN.md §6). */
  paper: string;
  profile: Profile | 'custom';
  createdAt: string;
  backend: string;
  workers: number;
  seeds: number[];
  config: C;
}

/** Where the files are, and the run's wall time (plus the experiment's own timings `Tm`). */
export interface ExperimentTail<Tm> {
  timings: { wallSeconds: number } & Tm;
  /** Absolute output folder; `files` are relative to it. */
  out: string;
  files: Record<string, string>;
}

/** An experiment's result as written to `<name>.json`: head, body `B`, files, report section. */
export type ExperimentResult<C, B, Tm = object> = ExperimentHead<C> &
  ExperimentTail<Tm> &
  B & {
    /** This experiment's section of report.md. */
    report: string;
  };

/** Everything of the result but the report section (what the report is written from). */
export type PartialResult<C, B, Tm = object> = Omit<ExperimentResult<C, B, Tm>, 'report'>;

/** The tasks of a run and their results, in the same order. */
export interface TaskRuns<T, R> {
  tasks: readonly T[];
  results: readonly R[];
}

/** The options of an experiment whose configuration `C` can be overridden (tests use tiny ones). */
export type ExperimentOptions<C> = RunOptions & { config?: Partial<C> };

/**
 * One experiment, filled into the shared skeleton (`runExperiment`): resolve the configuration,
 * run its independent tasks on the worker pool, turn the results into rows and summaries, draw
 * its charts, write `<name>.json` / `.csv` and its report.md section, and print a summary.
 *
 * C: configuration, T: task, R: task result, B: the result body (rows, summary, checks, …),
 * Tm: the experiment's timings besides the wall time.
 */
export interface Experiment<C extends { seeds: number[] }, T, R, B, Tm = object> {
  name: string;
  title: string;
  paper: string;
  /** One line for `repro <name> --help`. */
  description: string;
  /** The configuration of a run from the profile and the flags. */
  config: (options: ExperimentOptions<C>) => C;
  /** The independent tasks (`out` is where checkpoints may go). */
  tasks: (config: C, out: string) => T[];
  /** Where the tasks run (`runTasks`). */
  runner: TaskRunner;
  /** How a failed task is named in the error. */
  describeTask?: (task: T, index: number) => string;
  /** The status line logged before the tasks start. */
  plan: (config: C, tasks: readonly T[]) => string;
  /** The progress label of a finished task. */
  progressLabel: (result: R, task: T) => string;
  /** Also log each finished task's label (for experiments with few, long tasks). */
  logEachResult?: boolean;
  /** Rows, summaries and checks from the results (in the order of `tasks`). */
  analyse: (config: C, tasks: readonly T[], results: readonly R[]) => { body: B; timings: Tm };
  /** Files besides `<name>.json` and report.md, relative to `out`. @default csv, svg, png */
  files?: Record<string, string>;
  /** Writes the charts (and any other artifacts) into `out`; `runs` has the raw task results. */
  writeArtifacts: (
    result: PartialResult<C, B, Tm>,
    out: string,
    runs: TaskRuns<T, R>,
  ) => Promise<unknown>;
  /** `<name>.csv`. */
  csv: (result: PartialResult<C, B, Tm>) => string;
  /** The experiment's report.md section (starting with a `## ` heading). */
  report: (result: PartialResult<C, B, Tm>) => string;
  /** What the command prints (without --json); the skeleton adds the list of files. */
  summary: (result: ExperimentResult<C, B, Tm>) => string[];
}

/** Runs an experiment through the shared skeleton and writes its files into `options.out`. */
export async function runExperiment<C extends { seeds: number[] }, T, R, B, Tm>(
  experiment: Experiment<C, T, R, B, Tm>,
  options: ExperimentOptions<C> = {},
): Promise<ExperimentResult<C, B, Tm>> {
  const started = performance.now();
  const config = experiment.config(options);
  const out = resolve(options.out ?? 'results');
  const log = options.log ?? (() => {});
  const tasks = experiment.tasks(config, out);
  log(`[repro] ${experiment.name}: ${experiment.plan(config, tasks)}`);
  const progress = createProgress(tasks.length, experiment.name, options.progress ?? false);
  const outcome = await runTasks<T, R>(tasks, {
    runner: experiment.runner,
    workers: options.workers,
    backend: options.backend,
    onResult: (result, task) => {
      const label = experiment.progressLabel(result, task);
      progress.tick(label);
      if (experiment.logEachResult) log(`[repro] ${experiment.name}: ${label}`);
    },
    ...(experiment.describeTask ? { describe: experiment.describeTask } : {}),
  });
  progress.stop();
  log(`[repro] backend: ${outcome.backend}, ${outcome.workers} worker thread(s)`);

  const { body, timings } = experiment.analyse(config, tasks, outcome.results);
  const name = experiment.name;
  const files = {
    json: `${name}.json`,
    ...(experiment.files ?? { csv: `${name}.csv`, svg: `${name}.svg`, png: `${name}.png` }),
    report: 'report.md',
  };
  const head: ExperimentHead<C> = {
    experiment: name,
    title: experiment.title,
    paper: experiment.paper,
    profile: options.config ? 'custom' : (options.profile ?? 'quick'),
    createdAt: new Date().toISOString(),
    backend: outcome.backend,
    workers: outcome.workers,
    seeds: config.seeds,
    config,
  };
  const partial = {
    ...head,
    timings: { wallSeconds: 0, ...timings },
    ...body,
    out,
    files,
  } as PartialResult<C, B, Tm>;
  await experiment.writeArtifacts(partial, out, { tasks, results: outcome.results });
  partial.timings.wallSeconds = (performance.now() - started) / 1000;
  const result = { ...partial, report: experiment.report(partial) } as ExperimentResult<C, B, Tm>;
  await writeResults(out, name, result, experiment.csv(partial));
  return result;
}

/** The `repro <name>` command of an experiment: the common flags, --json or a summary. */
export function experimentCommand<C extends { seeds: number[] }, T, R, B, Tm>(
  experiment: Experiment<C, T, R, B, Tm>,
) {
  return defineCommand({
    meta: { name: experiment.name, description: experiment.description },
    args: commonArgs,
    async run({ args }) {
      await runAndPrint(experiment, runOptionsFromArgs(args), Boolean(args.json));
    },
  });
}

/**
 * Runs an experiment and prints what its command prints: the result JSON (`json`), or its
 * summary and the files written. For commands that pick the experiment from their own flags.
 */
export async function runAndPrint<C extends { seeds: number[] }, T, R, B, Tm>(
  experiment: Experiment<C, T, R, B, Tm>,
  options: ExperimentOptions<C>,
  json: boolean,
): Promise<ExperimentResult<C, B, Tm>> {
  const result = await runExperiment(experiment, options);
  printResult(experiment, result, json);
  return result;
}

/** Prints what an experiment's command prints: the result JSON (`json`), or its summary and files. */
export function printResult<C extends { seeds: number[] }, T, R, B, Tm>(
  experiment: Experiment<C, T, R, B, Tm>,
  result: ExperimentResult<C, B, Tm>,
  json: boolean,
): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const lines = [
    ...experiment.summary(result),
    '',
    'Wrote:',
    ...Object.values(result.files).map((f) => `  ${displayPath(join(result.out, f))}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
