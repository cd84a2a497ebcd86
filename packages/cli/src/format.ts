import type { EstimateStatus } from './outcome.js';

/** The JSON object `mine estimate --json` prints (and `--out` writes). */
export interface EstimateReport {
  /** ok; interrupted (Ctrl-C; `mi` only when a held-out evaluation had finished); diverged. */
  status: EstimateStatus;
  /** The estimate, in `unit`; absent when there is none (diverged, or interrupted early). */
  mi?: number;
  unit: 'nats' | 'bits';
  /** Uncertainty interval (95%), in `unit`; absent with `mi`, or when none could be computed. */
  ci?: [number, number];
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

/** The human-readable report (stdout without --json), for a report with an estimate. */
export function formatHuman(report: EstimateReport, context: ReportContext): string {
  const interval = report.ci
    ? `   95% interval [${fixed(report.ci[0])}, ${fixed(report.ci[1])}]`
    : '   (no interval)';
  const lines = [
    `I(x; z) = ${fixed(report.mi ?? Number.NaN)} ${report.unit}${interval}`,
    `  file       ${context.file}`,
    `  x          ${columnList(context.xColumns)}`,
    `  z          ${columnList(context.zColumns)}`,
    `  rows       ${report.n}`,
    `  estimator  ${report.estimator}${context.steps !== undefined ? ` (${context.steps} steps)` : ''}`,
    `  backend    ${report.backend}`,
    `  time       ${seconds(report.seconds)} (reading ${seconds(context.readSeconds)})`,
  ];
  if (report.status !== 'ok') lines.push(`  status     ${report.status}`);
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}
