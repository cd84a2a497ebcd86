/** Mean of the finite values; NaN when there are none. */
export function mean(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? Number.NaN : finite.reduce((s, v) => s + v, 0) / finite.length;
}

/** Sample standard deviation of the finite values; 0 for one value, NaN for none. */
export function sd(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return Number.NaN;
  if (finite.length === 1) return 0;
  const m = mean(finite);
  return Math.sqrt(finite.reduce((s, v) => s + (v - m) ** 2, 0) / (finite.length - 1));
}

/** `count` values from `from` to `to`, evenly spaced on a log scale. */
export function logspace(from: number, to: number, count: number): number[] {
  if (count === 1) return [from];
  const a = Math.log(from);
  const b = Math.log(to);
  return Array.from({ length: count }, (_, i) => Math.exp(a + ((b - a) * i) / (count - 1)));
}

/** Rounds to `digits` significant digits (for grids that print cleanly). */
export function roundSignificant(value: number, digits = 3): number {
  return Number(value.toPrecision(digits));
}

/** The paper-style accuracy rule: |estimate − truth| ≤ max(abs, rel·truth). */
export function withinTolerance(estimate: number, truth: number, abs = 0.1, rel = 0.1): boolean {
  return Math.abs(estimate - truth) <= Math.max(abs, rel * Math.abs(truth));
}

/** Fixed-point text for tables; "–" for missing values. */
export function fmt(value: number | undefined, digits = 3): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}
