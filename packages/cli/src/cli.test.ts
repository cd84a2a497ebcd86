// Runs the BUILT binary (dist/bin.js) as a user would. beforeAll builds it (and, through turbo,
// @mine/core and @mine/metrics); set MINE_CLI_SKIP_BUILD=1 when dist is known to be fresh.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  correlatedGaussian,
  type GaussianData,
  toDelimited,
  toJsonLines,
} from './testing/gaussian.js';
import { encodeNpy } from './testing/npy.js';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(pkg, '../..');
const bin = join(pkg, 'dist', 'bin.js');
const dir = mkdtempSync(join(tmpdir(), 'mine-cli-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function mineWithin(timeout: number, ...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: dir, env: { ...process.env, DEBUG: '' }, timeout },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

const mine = (...args: string[]) => mineWithin(60_000, ...args);

/**
 * Runs `mine estimate` on a named pipe and sends SIGINT (Ctrl-C) once the command has opened it,
 * i.e. once its Ctrl-C handler is in place and before any estimate; then feeds it `data`.
 */
async function mineInterruptedEarly(data: string, ...args: string[]): Promise<Run> {
  const fifo = join(dir, `pipe-${process.pid}-${Math.random().toString(36).slice(2)}.csv`);
  execFileSync('mkfifo', [fifo]);
  const child = spawn(process.execPath, [bin, 'estimate', fifo, ...args], {
    cwd: dir,
    env: { ...process.env, DEBUG: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number>((done) => child.on('exit', (code) => done(code ?? -1)));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  // Opening a pipe for writing waits for its reader.
  const pipe = await open(fifo, 'w');
  child.kill('SIGINT');
  await pipe.writeFile(data);
  await pipe.close();
  const code = await exited;
  clearTimeout(timer);
  return { code, stdout, stderr };
}

const REPORT_TYPES = {
  status: 'string',
  mi: 'number',
  unit: 'string',
  ci: 'object',
  estimator: 'string',
  n: 'number',
  backend: 'string',
  seconds: 'number',
  warnings: 'object',
} as const;

/** stdout must be exactly one JSON object with the documented keys and types. */
function parseReport(run: Run) {
  expect(run.code, run.stderr).toBe(0);
  expect(JSON.parse(run.stdout).status).toBe('ok');
  expect(run.stdout.trim().split('\n')).toHaveLength(1);
  const report = JSON.parse(run.stdout);
  expect(Object.keys(report).sort()).toEqual(Object.keys(REPORT_TYPES).sort());
  for (const [key, type] of Object.entries(REPORT_TYPES))
    expect(typeof report[key], key).toBe(type);
  expect(report.ci).toHaveLength(2);
  expect(report.ci.every((v: unknown) => typeof v === 'number')).toBe(true);
  expect(Array.isArray(report.warnings)).toBe(true);
  expect(['nats', 'bits']).toContain(report.unit);
  return report as {
    status: string;
    mi: number;
    unit: string;
    ci: [number, number];
    estimator: string;
    n: number;
    backend: string;
    seconds: number;
    warnings: string[];
  };
}

/** A run without an estimate: exit `code`, one JSON object without `mi` and `ci`, no --out. */
function parseNoEstimate(run: Run, code: number, status: string) {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stdout.trim().split('\n')).toHaveLength(1);
  const report = JSON.parse(run.stdout);
  const keys = Object.keys(REPORT_TYPES).filter((k) => k !== 'mi' && k !== 'ci');
  expect(Object.keys(report).sort()).toEqual(keys.sort());
  expect(report.status).toBe(status);
  return report as { status: string; warnings: string[] };
}

/** Exit code 2, nothing on stdout, one line `mine: error: ...` on stderr matching `pattern`. */
function expectUsageError(run: Run, pattern: RegExp) {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^mine: error: /);
  expect(lines[0]).toMatch(pattern);
}

function write(name: string, content: string | Uint8Array): string {
  writeFileSync(join(dir, name), content);
  return name;
}

let g2: GaussianData; // d = 2, rho = 0.6: truth 0.446 nats

beforeAll(() => {
  if (process.env.MINE_CLI_SKIP_BUILD !== '1') {
    execFileSync(
      join(root, 'node_modules', '.bin', 'turbo'),
      ['run', 'build', '--filter=@mine/cli', '--output-logs=errors-only', '--ui=stream'],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  g2 = correlatedGaussian(2000, 2, 0.6, 7);
  write('g2.csv', toDelimited(g2, ','));
  write('g2.tsv', toDelimited(g2, '\t', false));
  write('g2.jsonl', toJsonLines(g2, 'objects'));
  write('g2-arrays.ndjson', toJsonLines(g2, 'arrays'));
  write('g2-f64.npy', encodeNpy(g2.data, [g2.rows, g2.cols]));
  write('g2-f32.npy', encodeNpy(Float32Array.from(g2.data), [g2.rows, g2.cols]));
  write('g1.csv', toDelimited(correlatedGaussian(1000, 1, 0.8, 3), ','));
}, 180_000);

const near = (value: number, truth: number) =>
  expect(Math.abs(value - truth)).toBeLessThanOrEqual(Math.max(0.1, 0.1 * truth));

describe('mine estimate on correlated Gaussians', () => {
  it.concurrent.each([
    ['g2.csv', 'x0,x1', 'z0-z1', 'gaussian'],
    ['g2.tsv', '0-1', '2,3', 'ksg'],
    ['g2.jsonl', 'x0-x1', 'z0,z1', 'gaussian'],
    ['g2-arrays.ndjson', '0,1', '2-3', 'gaussian'],
    ['g2-f64.npy', '0-1', '2-3', 'gaussian'],
    ['g2-f32.npy', '0-1', '2-3', 'ksg'],
  ])('%s (--x %s --z %s, %s) is near the truth', async (file, x, z, estimator) => {
    const report = parseReport(
      await mine('estimate', file, '--x', x, '--z', z, '--estimator', estimator, '--json'),
    );
    near(report.mi, g2.mi);
    expect(report).toMatchObject({ unit: 'nats', estimator, n: 2000, backend: 'js' });
    expect(report.ci[0]).toBeLessThanOrEqual(report.mi);
    expect(report.ci[1]).toBeGreaterThanOrEqual(report.mi);
  });

  it.concurrent('reports bits with --bits and writes --out atomically', async () => {
    const run = await mine(
      'estimate',
      'g2.csv',
      '--x',
      'x0,x1',
      '--z',
      'z0,z1',
      '--estimator',
      'gaussian',
      '--bits',
      '--json',
      '--out',
      'out/result.json',
    );
    const report = parseReport(run);
    expect(report.unit).toBe('bits');
    near(report.mi * Math.LN2, g2.mi);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'result.json'), 'utf8'))).toEqual(report);
  });

  it.concurrent('prints a human report without --json', async () => {
    const run = await mine(
      'estimate',
      'g2.csv',
      '--x',
      'x0,x1',
      '--z',
      'z0,z1',
      '--estimator',
      'ksg',
      '--k',
      '5',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^I\(x; z\) = \d+\.\d{3} nats {3}95% interval \[/);
    expect(run.stdout).toMatch(/rows\s+2000/);
    expect(run.stdout).toMatch(/estimator\s+ksg/);
    expect(run.stdout).toMatch(/backend\s+js/);
  });

  it('trains the default neural estimator (short run) and prints one JSON object', async () => {
    const run = await mine(
      'estimate',
      'g1.csv',
      '--x',
      'x0',
      '--z',
      'z0',
      '--steps',
      '60',
      '--json',
      '--seed',
      '1',
      '--threads',
      '2',
    );
    const report = parseReport(run);
    expect(report.estimator).toBe('mine');
    expect(report.n).toBe(1000);
    expect(['tensorflow', 'wasm', 'cpu', 'webgpu']).toContain(report.backend);
    expect(Number.isFinite(report.mi)).toBe(true);
    // The backend line goes to stderr, never stdout.
    expect(run.stderr).toMatch(/\[mine\] backend: /);
    if (report.backend === 'wasm') expect(run.stderr).toMatch(/2 threads/);
  });
});

describe('mine estimate on bad input: exit 2, one line naming file, row and column', () => {
  beforeAll(() => {
    const header = 'a,b,c\n';
    const rows = (n: number, f: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => f(i)).join('\n');
    write(
      'text-cell.csv',
      `${header}${rows(30, (i) => `${i},${(i * 2) % 7},${i % 5}`)}\n1,oops,2\n`,
    );
    write('empty-cell.csv', `${header}${rows(30, (i) => `${i},${i % 3},${i % 5}`)}\n1,,2\n`);
    write('nan-cell.tsv', `a\tb\n${rows(25, (i) => `${i}\t${i === 4 ? 'NaN' : i % 3}`)}\n`);
    write(
      'inf-cell.csv',
      `${header}${rows(25, (i) => `${i},${i === 2 ? 'Infinity' : i % 3},${i % 5}`)}\n`,
    );
    write('ragged.csv', `${header}1,2,3\n4,5\n`);
    write('short.csv', `${header}${rows(5, (i) => `${i},${i % 3},${i % 2}`)}\n`);
    write('constant.csv', `${header}${rows(30, (i) => `${i},7,${i % 5}`)}\n`);
    write(
      'missing-key.jsonl',
      `${rows(25, (i) => JSON.stringify(i === 9 ? { a: i } : { a: i, b: i % 4 }))}\n`,
    );
    write('bad.jsonl', '{"a":1,"b":2}\n{"a":2,"b":\n');
    const nan = Float64Array.from({ length: 60 }, (_, i) => (i === 13 ? Number.NaN : i % 7));
    write('nan.npy', encodeNpy(nan, [30, 2]));
    write('big-endian.npy', encodeNpy(Float64Array.from([1, 2]), [1, 2], { descr: '>f8' }));
    write('sheet.xlsx', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 1, 2]));
    mkdirSync(join(dir, 'folder.csv'));
  });

  it.concurrent.each([
    ['missing file', ['nope.csv', '--x', 'a', '--z', 'b'], /nope\.csv: no such file/],
    ['a directory', ['folder.csv', '--x', 'a', '--z', 'b'], /folder\.csv: is a directory/],
    ['unknown file type', ['sheet.xlsx', '--x', '0', '--z', '1'], /sheet\.xlsx: unknown file type/],
    ['unknown column', ['g2.csv', '--x', 'x0', '--z', 'q'], /--z: unknown column "q" in g2\.csv/],
    [
      'index out of range',
      ['g2.tsv', '--x', '0', '--z', '9'],
      /--z: column index 9 is out of range: g2\.tsv has 4 columns/,
    ],
    [
      'overlapping columns',
      ['g2.csv', '--x', 'x0,z0', '--z', 'z0-z1'],
      /--x and --z overlap: column "z0"/,
    ],
    [
      'non-numeric cell',
      ['text-cell.csv', '--x', 'a', '--z', 'b'],
      /text-cell\.csv: line 32, column "b": "oops" is not a number/,
    ],
    [
      'empty cell',
      ['empty-cell.csv', '--x', 'a', '--z', 'b,c'],
      /empty-cell\.csv: line 32, column "b": empty cell/,
    ],
    [
      'NaN cell',
      ['nan-cell.tsv', '--x', 'a', '--z', 'b'],
      /nan-cell\.tsv: line 6, column "b": missing value "NaN"/,
    ],
    [
      'infinite cell',
      ['inf-cell.csv', '--x', 'a', '--z', 'b', '--drop-missing'],
      /inf-cell\.csv: line 4, column "b": "Infinity" is infinite/,
    ],
    [
      'NaN in .npy',
      ['nan.npy', '--x', '0', '--z', '1'],
      /nan\.npy: row 7, column 1 \(0-based\): missing value NaN/,
    ],
    [
      'missing JSON key',
      ['missing-key.jsonl', '--x', 'a', '--z', 'b'],
      /missing-key\.jsonl: line 10, column "b": empty cell/,
    ],
    ['invalid JSON', ['bad.jsonl', '--x', 'a', '--z', 'b'], /bad\.jsonl: line 2: invalid JSON/],
    [
      'ragged CSV',
      ['ragged.csv', '--x', 'a', '--z', 'b'],
      /ragged\.csv: line 3: has 2 fields, expected 3/,
    ],
    [
      'unsupported .npy',
      ['big-endian.npy', '--x', '0', '--z', '1'],
      /big-endian\.npy: unsupported \.npy dtype '>f8'/,
    ],
    [
      'too few rows',
      ['short.csv', '--x', 'a', '--z', 'b'],
      /short\.csv: too few rows: 5; mine needs at least 20/,
    ],
    [
      'too few rows for the batch',
      ['g1.csv', '--x', 'x0', '--z', 'z0', '--batch-size', '900'],
      /g1\.csv: too few rows: 1000; mine needs at least 1125 \(--batch-size 900/,
    ],
    [
      'constant column',
      ['constant.csv', '--x', 'a', '--z', 'b'],
      /constant\.csv: column "b": is constant/,
    ],
    [
      'unknown flag',
      ['g2.csv', '--x', 'x0', '--z', 'z0', '--stpes', '5'],
      /unknown option '--stpes' \(Did you mean --steps\?\)/,
    ],
    [
      'bad number',
      ['g2.csv', '--x', 'x0', '--z', 'z0', '--steps', '1O0'],
      /option '--steps <n>' argument '1O0' is invalid/,
    ],
    [
      'bad integer',
      ['g2.csv', '--x', 'x0', '--z', 'z0', '--k', '0'],
      /'--k <n>' argument '0' is invalid. Expected an integer >= 1/,
    ],
    [
      'bad list',
      ['g2.csv', '--x', 'x0', '--z', 'z0', '--hidden', '64,-1'],
      /'--hidden <sizes>' argument '64,-1' is invalid/,
    ],
    [
      'unknown estimator',
      ['g2.csv', '--x', 'x0', '--z', 'z0', '--estimator', 'kde'],
      /Allowed choices are mine, /,
    ],
    [
      'unknown backend',
      ['g2.csv', '--x', 'x0', '--z', 'z0', '--backend', 'gpu'],
      /'--backend <name>' argument 'gpu' is invalid/,
    ],
    [
      'too many threads',
      ['g2.csv', '--x', 'x0', '--z', 'z0', '--threads', '9'],
      /'--threads <n>' argument '9' is invalid\. Expected an integer <= 8/,
    ],
    ['missing --z', ['g2.csv', '--x', 'x0'], /required option '--z <columns>' not specified/],
    [
      'unwritable --out',
      ['g2.csv', '--x', 'x0', '--z', 'z0', '--out', 'g2.csv/r.json'],
      /--out g2\.csv\/r\.json: cannot write to .*g2\.csv \((ENOTDIR|EEXIST)\)/,
    ],
  ])('%s', async (_, args, pattern) => {
    expectUsageError(await mine('estimate', ...(args as string[]), '--json'), pattern as RegExp);
  });

  it.concurrent('--drop-missing drops incomplete rows and says how many', async () => {
    const run = await mine(
      'estimate',
      'empty-cell.csv',
      '--x',
      'a',
      '--z',
      'b',
      '--estimator',
      'gaussian',
      '--drop-missing',
      '--json',
    );
    const report = parseReport(run);
    expect(report.n).toBe(30);
    expect(report.warnings).toContainEqual(
      expect.stringMatching(/dropped 1 of 31 rows .* \(first at line 32\)/),
    );
  });

  it.concurrent('rejects an unknown command and documents everything in --help', async () => {
    expectUsageError(await mine('frobnicate'), /unknown command 'frobnicate'/);
    const help = await mine('estimate', '--help');
    expect(help.code).toBe(0);
    for (const flag of [
      '--estimator',
      '--steps',
      '--batch-size',
      '--lr',
      '--hidden',
      '--seed',
      '--backend',
      '--bits',
      '--json',
      '--out',
      '--quiet',
      '--drop-missing',
      '--k',
      '--no-header',
    ]) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).toContain('$ mine estimate data.csv');
    expect((await mine('--help')).stdout).toContain('estimate');
  });
});

describe('mine estimate on degenerate data, interruption and bad output paths', () => {
  let big: GaussianData;
  beforeAll(() => {
    big = correlatedGaussian(2000, 2, 0.6, 11);
    for (const [name, scale] of [
      ['big.csv', 1e300],
      ['tiny.csv', 1e-300],
    ] as const) {
      write(name, toDelimited({ ...big, data: big.data.map((v) => v * scale) }, ','));
    }
    const g = correlatedGaussian(600, 1, 0.6, 12);
    const rows = (f: (x: number, z: number, i: number) => string) =>
      Array.from({ length: g.rows }, (_, i) => f(g.data[2 * i]!, g.data[2 * i + 1]!, i)).join('\n');
    write('copy.csv', `x,z\n${rows((x) => `${x},${x}`)}\n`);
    write('affine.csv', `x,z\n${rows((x) => `${x},${1 - 3 * x}`)}\n`);
    write('sum.csv', `x,z,s\n${rows((x, z) => `${x},${z},${x + 2 * z}`)}\n`);
    write('offset.csv', `x,z\n${rows((x, z) => `${1e15 + x},${z}`)}\n`);
    write('levels.csv', `a,b\n${rows((_, __, i) => `${i % 4},${2 * (i % 4)}`)}\n`);
    write(
      'g40.csv',
      `x,z\n${rows((x, z) => `${x},${z}`)
        .split('\n')
        .slice(0, 40)
        .join('\n')}\n`,
    );
  });

  it.concurrent.each([
    'ksg',
    'gaussian',
  ])('%s gives the right number on values near 1e300 and 1e-300 (no overflow)', async (estimator) => {
    for (const file of ['big.csv', 'tiny.csv']) {
      const report = parseReport(
        await mine(
          'estimate',
          file,
          '--x',
          'x0,x1',
          '--z',
          'z0,z1',
          '--estimator',
          estimator,
          '--json',
        ),
      );
      near(report.mi, big.mi);
      expect(report.ci[1] - report.ci[0], file).toBeGreaterThan(0.01);
      expect(report.warnings).toEqual([]);
    }
  });

  it.concurrent.each([
    [
      'an exact copy',
      'copy.csv',
      'x',
      'z',
      /copy\.csv: --z column "z" is an exact copy of --x column "x": I\(x; z\) is infinite/,
    ],
    [
      'an affine copy',
      'affine.csv',
      'x',
      'z',
      /--z column "z" is a strictly decreasing function of --x column "x"/,
    ],
    [
      'a linear function of x',
      'sum.csv',
      'x,z',
      's',
      /--z column "s" is \(numerically\) a linear function of the --x columns/,
    ],
    [
      'digits lost to the magnitude',
      'offset.csv',
      'x',
      'z',
      /offset\.csv: column "x": values of magnitude 1\.00e\+15 vary by only .* less than 16 float64 steps/,
    ],
  ])('rejects %s (exit 2) for every estimator', async (_, file, x, z, pattern) => {
    for (const estimator of ['ksg', 'gaussian', 'mine']) {
      expectUsageError(
        await mine('estimate', file, '--x', x, '--z', z, '--estimator', estimator, '--json'),
        pattern,
      );
    }
  });

  it.concurrent('warns with the entropy when the copied column is discrete', async () => {
    const report = parseReport(
      await mine('estimate', 'levels.csv', '--x', 'a', '--z', 'b', '--estimator', 'ksg', '--json'),
    );
    expect(report.warnings).toContainEqual(
      expect.stringMatching(
        /--z column "b" is an increasing function of --x column "a" and takes 4 distinct values: I\(x; z\) ≥ their entropy, 1\.386 nats/,
      ),
    );
  });

  it('reports a diverged critic as diverged (exit 3, no mi, no --out), not as independence', async () => {
    const run = await mine(
      'estimate',
      'g1.csv',
      '--x',
      'x0',
      '--z',
      'z0',
      '--lr',
      '1e6',
      '--steps',
      '200',
      '--hidden',
      '16',
      '--threads',
      '1',
      '--json',
      '--out',
      'diverged/r.json',
    );
    const report = parseNoEstimate(run, 3, 'diverged');
    expect(report.warnings.join(' ')).not.toMatch(/no dependence/);
    expect(run.stderr).toMatch(
      /^mine: error: training diverged \(held-out bound .* nats after \d+ steps\): no estimate/m,
    );
    expect(existsSync(join(dir, 'diverged'))).toBe(false);
  });

  it('Ctrl-C before the first held-out evaluation: exit 130, status interrupted, no mi, no --out', async () => {
    const run = await mineInterruptedEarly(
      readFileSync(join(dir, 'g1.csv'), 'utf8'),
      '--x',
      'x0',
      '--z',
      'z0',
      '--threads',
      '1',
      '--json',
      '--out',
      'stopped/r.json',
    );
    parseNoEstimate(run, 130, 'interrupted');
    expect(run.stderr).toMatch(
      /^mine: error: interrupted( after \d+ steps)? before the first held-out evaluation: no estimate$/m,
    );
    expect(existsSync(join(dir, 'stopped'))).toBe(false);
  });

  it.concurrent('refuses an --out that is the input, and leaves the input as it was', async () => {
    const before = readFileSync(join(dir, 'g2.csv'), 'utf8');
    for (const out of ['g2.csv', './g2.csv', join(dir, 'g2.csv')]) {
      expectUsageError(
        await mine(
          'estimate',
          'g2.csv',
          '--x',
          'x0',
          '--z',
          'z0',
          '--estimator',
          'gaussian',
          '--out',
          out,
        ),
        /--out .*g2\.csv: is the input file g2\.csv; the result would replace your data/,
      );
    }
    expect(readFileSync(join(dir, 'g2.csv'), 'utf8')).toBe(before);
  });

  it.concurrent('leaves no folders behind when a run fails', async () => {
    expectUsageError(
      await mine('estimate', 'nope.csv', '--x', 'a', '--z', 'b', '--out', 'made/deep/r.json'),
      /nope\.csv: no such file/,
    );
    expectUsageError(
      await mine('estimate', 'copy.csv', '--x', 'x', '--z', 'z', '--out', 'made/r.json'),
      /exact copy/,
    );
    expect(existsSync(join(dir, 'made'))).toBe(false);
  });

  it.runIf(existsSync('/proc/self')).concurrent(
    'fails at once, before the work, where --out cannot be created (/proc)',
    async () => {
      expectUsageError(
        await mineWithin(
          45_000,
          'estimate',
          'g2.csv',
          '--x',
          'x0',
          '--z',
          'z0',
          '--out',
          '/proc/mine-nope/r.json',
        ),
        /--out \/proc\/mine-nope\/r\.json: cannot create the folder \/proc\/mine-nope \(ENOENT\)/,
      );
      expectUsageError(
        await mineWithin(
          45_000,
          'estimate',
          'g2.csv',
          '--x',
          'x0',
          '--z',
          'z0',
          '--estimator',
          'ksg',
          '--out',
          '/proc/r.json',
        ),
        /--out \/proc\/r\.json: cannot write to \/proc \(E[A-Z]+\)/,
      );
    },
  );

  it.concurrent('answers --batch-size 1e12 at once', async () => {
    for (const size of ['1e12', String(Number.MAX_SAFE_INTEGER)]) {
      expectUsageError(
        await mineWithin(
          45_000,
          'estimate',
          'g2.csv',
          '--x',
          'x0',
          '--z',
          'z0',
          '--batch-size',
          size,
        ),
        /g2\.csv: too few rows: 2000; mine needs at least \d+ \(--batch-size/,
      );
    }
  });

  it.concurrent.each([
    [
      'a second file',
      ['g2.csv', 'g1.csv', '--x', 'x0', '--z', 'z0'],
      /too many arguments for 'estimate'/,
    ],
    [
      '--x given twice',
      ['g2.csv', '--x', 'x0', '--x', 'x1', '--z', 'z0'],
      /--x given twice \(x0 and x1\): give it once; select several columns with one list, e.g. --x x0,x1/,
    ],
    [
      '--steps given twice',
      ['g2.csv', '--x', 'x0', '--z', 'z0', '--steps', '5', '--steps', '6'],
      /--steps given twice \(5 and 6\)/,
    ],
  ])('rejects %s', async (_, args, pattern) => {
    expectUsageError(
      await mine('estimate', ...(args as string[]), '--estimator', 'ksg', '--json'),
      pattern as RegExp,
    );
  });

  it.concurrent('--quiet silences tfjs too (its banner on the cpu backend)', async () => {
    const run = await mine(
      'estimate',
      'g40.csv',
      '--x',
      'x',
      '--z',
      'z',
      '--backend',
      'cpu',
      '--steps',
      '2',
      '--hidden',
      '4',
      '--quiet',
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
  });

  it.concurrent('README and --help give the same defaults', async () => {
    const help = (await mine('estimate', '--help')).stdout.replace(/\s+/g, ' ');
    const readme = readFileSync(join(pkg, 'README.md'), 'utf8');
    for (const flag of [
      '--estimator',
      '--steps',
      '--batch-size',
      '--lr',
      '--hidden',
      '--seed',
      '--k',
    ]) {
      const shown = new RegExp(`${flag} <\\w+> [^(]*\\(default: ([^)\\s]+)\\)`).exec(help)?.[1];
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${flag}\``));
      expect(shown, flag).toBeDefined();
      expect(row, flag).toBeDefined();
      const cell = row!.split('|').at(-2)!.trim().replace(/`/g, '');
      expect(cell.split(' ')[0], flag).toBe(shown);
    }
  });
});
