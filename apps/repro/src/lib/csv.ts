function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'number' && !Number.isFinite(value) ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV of the named columns, with a header row; missing and non-finite values are empty. */
export function toCsv(columns: readonly string[], rows: readonly object[]): string {
  const lines = [columns.map(cell).join(',')];
  for (const row of rows) {
    lines.push(columns.map((c) => cell((row as Record<string, unknown>)[c])).join(','));
  }
  return `${lines.join('\n')}\n`;
}
