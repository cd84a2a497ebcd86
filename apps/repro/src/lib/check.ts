/** One of the paper's claims, checked on a run's summary. */
export interface Check {
  id: string;
  description: string;
  passed: number;
  total: number;
  ok: boolean;
  /** The cases that failed, in words. */
  failures: string[];
}

/** `PASS|FAIL <description>: passed/total`. */
export function checkLine(c: Check): string {
  return `${c.ok ? 'PASS' : 'FAIL'} ${c.description}: ${c.passed}/${c.total}`;
}

/**
 * The report.md lines of a run's checks: one bullet each, then where the run differs from the
 * paper, or that every check passes.
 */
export function checkReportLines(checks: readonly Check[]): string[] {
  const lines = [...checks.map((ch) => `- ${checkLine(ch)}`), ''];
  const failed = checks.filter((ch) => !ch.ok);
  if (failed.length === 0) return [...lines, 'Every check passes.', ''];
  return [
    ...lines,
    '**Where we differ from the paper:**',
    '',
    ...failed.map((ch) => `- ${ch.description}: fails for ${ch.failures.join('; ')}.`),
    '',
  ];
}
