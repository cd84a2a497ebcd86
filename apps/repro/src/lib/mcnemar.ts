/**
 * McNemar's exact test for two classifiers scored on the same items: `b` items only the first
 * gets wrong, `c` only the second. Under H0 (equal error rates) b ~ Binomial(b + c, 1/2); the
 * two-sided p-value is 2·P(X ≤ min(b, c)), capped at 1.
 */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  // Sum C(n, i)/2^n for i ≤ k in log space (n can be thousands).
  let logTerm = -n * Math.LN2; // i = 0
  let sum = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log(n - i + 1) - Math.log(i);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, 2 * sum);
}

/** Discordant counts of two per-item wrong/right vectors (1 = wrong). */
export function discordant(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): { onlyA: number; onlyB: number } {
  if (a.length !== b.length)
    throw new Error(`paired vectors differ in length (${a.length} vs ${b.length})`);
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && !b[i]) onlyA++;
    else if (!a[i] && b[i]) onlyB++;
  }
  return { onlyA, onlyB };
}
