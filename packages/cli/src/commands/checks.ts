import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ESTIMATE_DEFAULTS, MIN_ROWS } from '@mine/core';
import { InputError } from '../errors.js';
import { type EstimatorName, isNeural } from '../estimator-names.js';
import type { TableFormat } from '../readers/index.js';
import type { EstimateFlags } from './estimate.js';

/** Default neighbour count of `--estimator ksg` (the @mine/metrics default). */
export const KSG_DEFAULT_K = 3;

/**
 * Fails early (before any training) when --out cannot be written; creates its missing parent
 * directories.
 */
export function checkOut(out: string): void {
  const path = resolve(out);
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
      throw new InputError(`--out ${out}: is a directory`);
    }
    mkdirSync(dirname(path), { recursive: true });
    accessSync(dirname(path), constants.W_OK);
  } catch (error) {
    if (InputError.isInstance(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(`--out ${out}: cannot write to ${dirname(path)} (${code})`);
  }
}

/** Warnings for flags that do not apply to the chosen estimator or file type. */
export function ignoredFlags(flags: EstimateFlags, estimator: EstimatorName, format: TableFormat) {
  const neural = isNeural(estimator);
  const warnings: string[] = [];
  const given = (names: [keyof EstimateFlags, string][]) =>
    names.filter(([key]) => flags[key] !== undefined).map(([, flag]) => flag);
  const unused = neural
    ? given([['k', '--k']])
    : given([
        ['steps', '--steps'],
        ['batchSize', '--batch-size'],
        ['lr', '--lr'],
        ['hidden', '--hidden'],
        ['backend', '--backend'],
        ['threads', '--threads'],
      ]);
  if (unused.length > 0) {
    warnings.push(
      `${unused.join(', ')} ${unused.length === 1 ? 'does' : 'do'} not apply to ${estimator}; ignored`,
    );
  }
  if (flags.header !== undefined && !['csv', 'tsv', 'txt'].includes(format)) {
    warnings.push(`--${flags.header ? '' : 'no-'}header applies to CSV/TSV only; ignored`);
  }
  return warnings;
}

/** Fewest rows the estimator accepts, and why. */
export function minimumRows(
  estimator: EstimatorName,
  dx: number,
  dz: number,
  flags: EstimateFlags,
) {
  if (estimator === 'gaussian')
    return { rows: Math.max(MIN_ROWS, dx + dz + 2), why: 'gaussian needs more rows than columns' };
  if (estimator === 'ksg') {
    const k = flags.k ?? KSG_DEFAULT_K;
    return { rows: Math.max(MIN_ROWS, k + 2), why: `ksg with --k ${k}` };
  }
  if (flags.batchSize !== undefined) {
    // Mirror of the core split: max(2, round(n·f)) rows held out, the rest train.
    const f = ESTIMATE_DEFAULTS.heldOutFraction;
    let n = flags.batchSize;
    while (n - Math.max(2, Math.round(n * f)) < flags.batchSize) n++;
    return {
      rows: Math.max(MIN_ROWS, n),
      why: `--batch-size ${flags.batchSize} (${Math.round(f * 100)}% of rows are held out)`,
    };
  }
  return { rows: MIN_ROWS };
}
