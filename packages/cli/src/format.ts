import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The JSON object `mine estimate --json` prints (and `--out` writes). */
export interface EstimateReport {
  /** The estimate, in `unit`. */
  mi: number;
  unit: 'nats' | 'bits';
  /** Uncertainty interval (95%), in `unit`. */
  ci: [number, number];
  estimator: string;
  /** Rows used (after --drop-missing). */
  n: number;
  /** tfjs backend of a neural estimator; "js" for ksg and gaussian (plain JavaScript). */
  backend: string;
  /** Wall-clock seconds of the estimation (reading the file not included). */
  seconds: number;
  warnings: string[];
}

/** What the human-readable report adds to the JSON one. */
export interface ReportContext {
  file: string;
  xColumns: readonly string[];
  zColumns: readonly string[];
  /** Training steps taken (neural estimators). */
  steps?: number;
  readSeconds: number;
}

/** The one-line JSON printed on stdout with --json. */
export function formatJson(report: EstimateReport): string {
  return `${JSON.stringify(report)}\n`;
}

function fixed(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(1) : value.toFixed(3);
}

function seconds(s: number): string {
  return s < 10
    ? `${s.toFixed(2)} s`
    : s < 120
      ? `${s.toFixed(1)} s`
      : `${(s / 60).toFixed(1)} min`;
}

function columnList(names: readonly string[]): string {
  const shown = names.length <= 6 ? names : [...names.slice(0, 5), '...', names.at(-1)!];
  return `${shown.join(', ')} (${names.length} column${names.length === 1 ? '' : 's'})`;
}

/** The human-readable report (stdout without --json). */
export function formatHuman(report: EstimateReport, context: ReportContext): string {
  const [lo, hi] = report.ci;
  const lines = [
    `I(x; z) = ${fixed(report.mi)} ${report.unit}   95% interval [${fixed(lo)}, ${fixed(hi)}]`,
    `  file       ${context.file}`,
    `  x          ${columnList(context.xColumns)}`,
    `  z          ${columnList(context.zColumns)}`,
    `  rows       ${report.n}`,
    `  estimator  ${report.estimator}${context.steps !== undefined ? ` (${context.steps} steps)` : ''}`,
    `  backend    ${report.backend}`,
    `  time       ${seconds(report.seconds)} (reading ${seconds(context.readSeconds)})`,
  ];
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Writes `text` to `path` atomically: a temporary file in the same directory, flushed, then
 * renamed over the target, so readers never see a half-written file.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const handle = await open(tmp, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw error;
  }
  await handle.close();
  try {
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => {});
    throw error;
  }
}
