import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../python/reference.py', import.meta.url));

/** What python/reference.py prints for one benchmark. */
export interface PytorchResult {
  iterationsPerSecond: number;
  msPerIterationMedian: number;
  iterations: number;
  torch: string;
  threads: number;
  /** The BLAS library Debian's torch resolved to (the reference BLAS is ~15x slower). */
  blas: string | null;
  /** K2's references: trainable parameters of each network. */
  parameters?: Record<string, number>;
}

/** Why there is no PyTorch number, when there is none. */
export interface PytorchSkipped {
  skipped: string;
}

// Debian's python3-torch lives in the system interpreter, which a pyenv shim may hide.
const INTERPRETERS = ['/usr/bin/python3', 'python3'];

let found: Promise<string | null> | null = null;

/** The first interpreter that imports torch, or null. */
export function pythonWithTorch(): Promise<string | null> {
  found ??= (async () => {
    for (const python of INTERPRETERS) {
      try {
        await run(python, ['-c', 'import torch'], { timeout: 60_000 });
        return python;
      } catch {
        // not this one
      }
    }
    return null;
  })();
  return found;
}

/**
 * Runs the PyTorch CPU reference of a benchmark (python/reference.py) on `threads` threads, in
 * the same run as ours so the ratio compares one machine state. Resolves to a skip note when no
 * python3 with torch is installed (Debian: `apt-get install python3-torch libopenblas0-pthread`).
 */
export async function pytorchReference(
  benchmark: 'k2' | 'k2-ali' | 'b1',
  options: { iterations: number; warmup: number; width?: number; threads?: number; seed: number },
): Promise<PytorchResult | PytorchSkipped> {
  const python = await pythonWithTorch();
  if (!python) {
    return { skipped: 'no python3 with torch (Debian: apt-get install python3-torch)' };
  }
  const args = [
    SCRIPT,
    benchmark,
    '--iterations',
    String(options.iterations),
    '--warmup',
    String(options.warmup),
    '--threads',
    String(options.threads ?? 1),
    '--seed',
    String(options.seed),
  ];
  if (options.width !== undefined) args.push('--width', String(options.width));
  const env = { ...process.env, OMP_NUM_THREADS: String(options.threads ?? 1) };
  const { stdout } = await run(python, args, { timeout: 600_000, env });
  return JSON.parse(stdout) as PytorchResult;
}

/** ours / PyTorch, or null without a reference. */
export function ratio(ours: number, reference: PytorchResult | PytorchSkipped): number | null {
  return 'iterationsPerSecond' in reference ? ours / reference.iterationsPerSecond : null;
}

/**
 * A warning when Debian's torch runs on the reference BLAS (its `blas` alternative is
 * .../blas/libblas.so.3): its matrix products, and convolutions through them, are then many times
 * slower than on OpenBLAS, and ratios to it overstate ours. Null when the BLAS is a tuned one.
 */
export function slowBlasWarning(reference: PytorchResult | PytorchSkipped): string | null {
  if (!('blas' in reference) || reference.blas === null) return null;
  if (!/\/blas\/libblas\.so/.test(reference.blas)) return null;
  return `PyTorch ran on the reference BLAS (${reference.blas}), not a tuned one: its times are not the reference of issue 13; install libopenblas0-pthread and rerun`;
}
