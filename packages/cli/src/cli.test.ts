// Runs the BUILT binary (dist/bin.js) as a user would. beforeAll builds it (and, through turbo,
// @mine/core and @mine/metrics); set MINE_CLI_SKIP_BUILD=1 when dist is known to be fresh.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

function mine(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: dir, env: { ...process.env, DEBUG: '' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

const REPORT_TYPES = {
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
