import type { BenchRecord } from './types.js';

type Row = Record<string, unknown>;

function isPlainObject(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTable(value: unknown): value is Row[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((row) => isPlainObject(row) && Object.values(row).every((v) => !isPlainObject(v)))
  );
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(+value.toPrecision(4));
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replaceAll('|', '\\|');
}

function table(header: string[], rows: unknown[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** Leaves of a results object that are not tables, as dotted paths. */
function metrics(
  value: unknown,
  path: string,
  out: [string, unknown][],
  tables: [string, Row[]][],
) {
  if (isTable(value)) tables.push([path, value]);
  else if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value))
      metrics(child, path ? `${path}.${key}` : key, out, tables);
  } else out.push([path, value]);
}

/** A benchmark record as markdown: what ran where, then its results as tables. */
export function toMarkdown(record: BenchRecord): string {
  const { environment: env, config } = record;
  const scalars: [string, unknown][] = [];
  const tables: [string, Row[]][] = [];
  metrics(record.results, '', scalars, tables);
  const sections = [
    `# ${record.id}: ${record.title}`,
    [
      `- when: ${record.timestamp} (${(record.durationMs / 1000).toFixed(1)} s)`,
      `- backend: ${env.backend} (requested ${config.backend}, ${env.wasmThreads} thread(s)); tfjs ${env.tfjs}; Node ${env.node}`,
      `- machine: ${env.cpu} x${env.cpus}, ${env.platform}/${env.arch}, load ${env.loadAverage}`,
      `- config: quick=${config.quick}, seed=${config.seed}`,
    ].join('\n'),
  ];
  for (const [name, rows] of tables) {
    const header = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    sections.push(
      `## ${name}\n\n${table(
        header,
        rows.map((row) => header.map((key) => row[key])),
      )}`,
    );
  }
  if (scalars.length > 0) sections.push(`## metrics\n\n${table(['metric', 'value'], scalars)}`);
  return `${sections.join('\n\n')}\n`;
}
