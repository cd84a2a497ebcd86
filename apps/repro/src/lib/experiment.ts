import { join, relative } from 'node:path';
import { writeFileAtomic } from '@tools/plot';
import type { ArgsDef, ParsedArgs } from 'citty';
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

/** A path as the user would type it from the current folder. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}
