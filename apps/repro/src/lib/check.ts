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

/** The report.md lines after the checks: where the run differs from the paper, or that none does. */
export function differenceLines(checks: readonly Check[]): string[] {
  const failed = checks.filter((ch) => !ch.ok);
  if (failed.length === 0) return ['Every check passes.', ''];
  return [
    '**Where we differ from the paper:**',
    '',
    ...failed.map((ch) => `- ${ch.description}: fails for ${ch.failures.join('; ')}.`),
    '',
  ];
}
