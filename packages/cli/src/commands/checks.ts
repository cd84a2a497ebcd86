import { ESTIMATE_DEFAULTS, MIN_ROWS } from '@mine/core';
import { type EstimatorName, isNeural } from '../estimator-names.js';
import type { TableFormat } from '../readers/index.js';
import type { EstimateFlags } from './estimate.js';

/** Default neighbour count of `--estimator ksg` (the @mine/metrics default). */
export const KSG_DEFAULT_K = 3;

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
        ['maxSteps', '--max-steps'],
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
    const f = ESTIMATE_DEFAULTS.heldOutFraction;
    return {
      rows: Math.max(MIN_ROWS, rowsForTraining(flags.batchSize, f)),
      why: `--batch-size ${flags.batchSize} (${Math.round(f * 100)}% of rows are held out)`,
    };
  }
  return { rows: MIN_ROWS };
}

/**
 * Fewest rows n whose training split, n − max(2, round(n·f)) as in the core, holds `batch` rows.
 * Closed form, then a step or two: counting up from `batch` takes forever for --batch-size 1e12.
 */
export function rowsForTraining(batch: number, f: number): number {
  const train = (n: number) => n - Math.max(2, Math.round(n * f));
  let n = Math.max(batch, Math.floor((batch - 1) / (1 - f)));
  // train(n) rises by 0 or 1 per row; beyond 2^53 rows n + 1 === n, hence the cap.
  for (let i = 0; i < 8 && train(n) < batch; i++) n++;
  return n;
}
