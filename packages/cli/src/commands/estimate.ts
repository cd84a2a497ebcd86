import { ESTIMATE_DEFAULTS, MIN_ROWS } from '@mine/core';
import { BACKEND_NAMES, type BackendName, MAX_WASM_THREADS } from '@mine/core/backend';
import { type Command, Option } from 'commander';
import { resolveXZ } from '../columns.js';
import { assertNotConstant, assertResolved, selectColumns } from '../data.js';
import { checkDegenerate } from '../degenerate.js';
import { EXIT, InputError } from '../errors.js';
import { ESTIMATORS, type EstimatorName, isNeural } from '../estimator-names.js';
import type { EstimatorResult } from '../estimators.js';
import {
  integerFlag,
  integerListFlag,
  positiveNumberFlag,
  rejectRepeatedOptions,
} from '../flags.js';
import { type EstimateReport, formatHuman, formatJson } from '../format.js';
import { checkOut, writeOut } from '../out-file.js';
import { outcomeOf, zeroWidthWarning } from '../outcome.js';
import { createProgress } from '../progress.js';
import { FORMATS, readTable, type TableFormat } from '../readers/index.js';
import { ignoredFlags, KSG_DEFAULT_K, minimumRows } from './checks.js';

export interface EstimateFlags {
  x: string;
  z: string;
  estimator: EstimatorName;
  steps?: number;
  maxSteps?: number;
  batchSize?: number;
  lr?: number;
  hidden?: number[];
  seed?: number;
  k?: number;
  backend?: BackendName;
  threads?: number;
  bits?: boolean;
  json?: boolean;
  out?: string;
  quiet?: boolean;
  dropMissing?: boolean;
  header?: boolean;
  format?: TableFormat;
  verbose?: boolean;
}

const d = ESTIMATE_DEFAULTS;

const EXAMPLES = `
Columns: names from the header (CSV/TSV) or keys (JSON objects), 0-based indices, inclusive
ranges of indices or names, comma-separated: --x age,income --z 3-5,7 or --x x0-x19. A name wins
over an index. In messages, rows are 1-based file lines (CSV, TSV, JSONL), 1-based rows (.npy) or
records (.json); columns are names or 0-based indices.

Files: .csv .tsv .txt (delimiter sniffed; header detected when the first row has text where the
second has numbers; --header / --no-header force it), .jsonl/.ndjson (one object or array per
line), .json (an array of records), .npy (2-D float32/float64, little-endian, C order). Cells
that are empty, NA, NaN, null or not numbers are errors unless --drop-missing; Inf always is.

Minimum rows: ${MIN_ROWS}; gaussian also needs more rows than x+z columns + 1; a neural estimator
with --batch-size B needs B training rows (${Math.round((1 - d.heldOutFraction) * 100)}% of the rows train, the rest are held out).

Output: the estimate with its 95% interval, rows, estimator, backend, time and warnings. --json
prints exactly one JSON object on stdout:
  {"status", "mi", "ci": [lo, hi], "unit", "estimator", "n", "backend", "seconds", "warnings": []}
status is "ok", "interrupted" or "diverged"; mi and ci are absent when there is no estimate.
backend is the tfjs backend for neural estimators and "js" for ksg and gaussian (plain
JavaScript, no tfjs). Messages, the backend line and the progress bar (terminals only) go to
stderr. --out is checked before the work, is never one of the inputs, and is written only when
there is an estimate.

Ctrl-C stops training and reports the estimate so far (status "interrupted", exit 130; no
estimate if no held-out evaluation had finished); twice quits at once. Temporary files never
outlive the process.

Exit codes: 0 ok; 2 bad input or usage (one line: "mine: error: file: line N, column ...: ..."),
including data whose MI is infinite (a column copied, or a function of the other side);
3 no estimate: training diverged; 130 interrupted; 1 internal error (stack with --verbose or
DEBUG=mine).

Examples:
  $ mine estimate data.csv --x 0-19 --z 20-39
  $ mine estimate data.tsv --x age,income --z score --estimator ksg --k 5
  $ mine estimate samples.npy --x 0,1 --z 2 --steps 2000 --hidden 400,400 --bits
  $ mine estimate log.jsonl --x a,b --z c --json --out result.json --quiet`;

function choice<T extends string>(flags: string, description: string, choices: readonly T[]) {
  return new Option(flags, description).choices(choices);
}

/** Adds the `estimate` options and action to `command`; `done` receives the exit code. */
export function defineEstimate(command: Command, done: (code: number) => void): Command {
  command
    .description('estimate the mutual information I(x; z) between two sets of columns of a file')
    .argument('<file>', 'data file: .csv .tsv .txt .jsonl .ndjson .json .npy')
    .requiredOption('--x <columns>', 'columns of x, e.g. 0-4 or age,income')
    .requiredOption('--z <columns>', 'columns of z (disjoint from --x)')
    .addOption(choice('--estimator <name>', `estimator (default: ${d.estimator})`, ESTIMATORS))
    .option('--steps <n>', `training steps, neural (default: ${d.steps})`, integerFlag(1))
    .option(
      '--max-steps <n>',
      'most steps, neural: training goes on past --steps while the held-out bound still rises (default: 2 x steps)',
      integerFlag(1),
    )
    .option('--batch-size <n>', `batch size, neural (default: ${d.batchSize})`, integerFlag(2))
    .option('--lr <rate>', `learning rate, neural (default: ${d.learningRate})`, positiveNumberFlag)
    .option(
      '--hidden <sizes>',
      `critic hidden layers, neural (default: ${d.hidden.join(',')})`,
      integerListFlag,
    )
    .option('--seed <n>', `random seed (default: ${d.seed})`, integerFlag(0))
    .option('--k <n>', `neighbours, ksg (default: ${KSG_DEFAULT_K})`, integerFlag(1))
    .addOption(
      choice(
        '--backend <name>',
        'tfjs backend for neural estimators (default: $MINE_BACKEND or auto: tensorflow, wasm, cpu)',
        BACKEND_NAMES,
      ),
    )
    .option(
      '--threads <n>',
      'wasm threads, neural (default: $MINE_WASM_THREADS or one per core, at most 8)',
      integerFlag(1, MAX_WASM_THREADS),
    )
    .option('--bits', 'report bits instead of nats')
    .option('--json', 'print one JSON object on stdout')
    .option('--out <file>', 'also write the JSON result to <file> (atomically)')
    .option('--quiet', 'no backend line and no progress bar on stderr')
    .option(
      '--drop-missing',
      'drop rows with empty, NA/NaN or non-numeric cells (and say how many)',
    )
    .option('--header', 'the first row of a CSV/TSV names the columns (default: detect)')
    .option('--no-header', 'the first row of a CSV/TSV is data')
    .addOption(
      choice('--format <type>', 'file type (default: from extension and content)', FORMATS),
    )
    .option('--verbose', 'print the stack of internal errors')
    .addHelpText('after', EXAMPLES)
    .allowExcessArguments(false)
    .action(async (file: string, flags: EstimateFlags) => {
      done(await estimate(file, flags));
    });
  rejectRepeatedOptions(command);
  return command;
}

/** Ctrl-C for the length of one command: the first stops the work, the second quits (130). */
function interruptible(onFirst: () => void) {
  const controller = new AbortController();
  const quit = () => process.exit(EXIT.interrupted);
  const first = () => {
    controller.abort();
    onFirst();
    process.once('SIGINT', quit);
  };
  process.once('SIGINT', first);
  const stopped = new Promise<undefined>((done) =>
    controller.signal.addEventListener('abort', () => done(undefined), { once: true }),
  );
  return {
    signal: controller.signal,
    /** Settles (undefined) at the first Ctrl-C. */
    stopped,
    dispose: () => process.removeListener('SIGINT', first),
  };
}

/** Runs `mine estimate`; returns the exit code. Bad input throws InputError. */
export async function estimate(file: string, flags: EstimateFlags): Promise<number> {
  const estimator = flags.estimator ?? (d.estimator as EstimatorName);
  const unit = flags.bits ? 'bits' : 'nats';
  const neural = isNeural(estimator);
  // Checked before any work, and leaves nothing behind: a failed run creates no folders.
  if (flags.out) checkOut(flags.out, [file]);

  const progress = createProgress(Boolean(flags.quiet));
  const interrupt = interruptible(() => {
    progress.stop();
    process.stderr.write(
      neural
        ? 'mine: stopping after this step (Ctrl-C again to quit)\n'
        : 'mine: stopping (Ctrl-C again to quit)\n',
    );
  });
  try {
    const readStarted = performance.now();
    const table = readTable(file, { format: flags.format, header: flags.header });
    const cols = resolveXZ(table, flags.x, flags.z);
    const selected = selectColumns(table, cols.x, cols.z, flags.dropMissing);
    const n = selected.x.rows;
    const minimum = minimumRows(estimator, cols.x.length, cols.z.length, flags);
    if (n < minimum.rows) {
      const dropped =
        selected.dropped > 0 ? ` (${selected.dropped} dropped by --drop-missing)` : '';
      throw new InputError(
        `${file}: too few rows: ${n}${dropped}; ${estimator} needs at least ${minimum.rows}` +
          (minimum.why ? ` (${minimum.why})` : ''),
      );
    }
    assertNotConstant(table, selected.x, cols.x);
    assertNotConstant(table, selected.z, cols.z);
    assertResolved(table, selected.x, cols.x);
    assertResolved(table, selected.z, cols.z);
    const { linearDependence } = await import('@mine/metrics');
    const degenerate = checkDegenerate({
      table,
      x: selected.x,
      z: selected.z,
      xCols: cols.x,
      zCols: cols.z,
      linear: linearDependence,
    });
    const readSeconds = (performance.now() - readStarted) / 1000;

    const warnings = ignoredFlags(flags, estimator, table.format);
    if (selected.dropped > 0) {
      warnings.push(
        `dropped ${selected.dropped} of ${table.rows} rows with empty, missing or non-numeric cells (first at ${selected.firstDropped})`,
      );
    }
    warnings.push(...degenerate);

    let result: EstimatorResult | undefined;
    const started = performance.now();
    if (!interrupt.signal.aborted) {
      // tfjs prints a banner through its own logger when the cpu backend starts; --quiet means quiet.
      if (flags.quiet && neural) (await import('@tensorflow/tfjs-core')).enableProdMode();
      const { runEstimator } = await import('../estimators.js');
      const run = runEstimator(estimator, selected.x, selected.z, {
        unit,
        seed: flags.seed,
        k: flags.k,
        steps: flags.steps,
        maxSteps: flags.maxSteps,
        batchSize: flags.batchSize,
        learningRate: flags.lr,
        hidden: flags.hidden,
        backend: flags.backend,
        threads: flags.threads,
        quiet: Boolean(flags.quiet),
        onProgress: (event) => progress.update(event),
        signal: interrupt.signal,
      });
      // Neural training stops at the signal and returns what it has; ksg and gaussian cannot
      // stop midway, so the first Ctrl-C abandons them.
      result = neural ? await run : await Promise.race([run, interrupt.stopped]);
    }
    progress.stop();

    const outcome = outcomeOf({
      mi: result?.mi,
      unit,
      neural,
      interrupted: interrupt.signal.aborted,
      steps: result?.steps,
      learningRate: flags.lr,
    });
    const all = [...warnings, ...(result?.warnings ?? [])];
    const finiteCi = result?.ci.every(Number.isFinite) ?? false;
    if (outcome.estimate && result) {
      const zero = zeroWidthWarning(result.mi, result.ci);
      if (zero) all.push(zero);
      if (!finiteCi) all.push('no interval could be computed');
    }
    const report: EstimateReport = {
      status: outcome.status,
      ...(outcome.estimate && result
        ? { mi: result.mi, ...(finiteCi ? { ci: result.ci } : {}) }
        : {}),
      unit,
      estimator,
      n,
      backend: result?.backend ?? (neural ? 'none' : 'js'),
      seconds: result?.seconds ?? (performance.now() - started) / 1000,
      warnings: all,
    };
    const names = (list: number[]) => list.map((c) => table.names?.[c] ?? String(c));
    if (flags.json) process.stdout.write(formatJson(report));
    else if (outcome.estimate) {
      process.stdout.write(
        formatHuman(report, {
          file,
          xColumns: names(cols.x),
          zColumns: names(cols.z),
          steps: result?.steps,
          readSeconds,
        }),
      );
    }
    if (outcome.message) {
      process.stderr.write(`${outcome.message}\n`);
      if (!flags.json && !outcome.estimate) {
        for (const warning of all) process.stderr.write(`warning: ${warning}\n`);
      }
    }
    // No estimate, no file: an --out that exists afterwards always holds a result.
    if (flags.out && outcome.estimate) await writeOut(flags.out, formatJson(report));
    return outcome.code;
  } finally {
    progress.stop();
    interrupt.dispose();
  }
}
