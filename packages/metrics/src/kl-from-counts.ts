import { assertArgument } from '@mine/core/base';

/**
 * KL(p ‖ q) in nats between the normalised histogram p = counts / Σcounts and a reference
 * q = reference / Σreference (uniform over the bins when omitted), with 0 · log(0 / q) = 0, so
 * empty bins of p cost nothing and a collapsed generator scores up to log(bins). Infinity when p
 * puts mass where q has none; NaN when all counts are 0.
 *
 * With a classifier's labels as bins this is the KL of Table 1 (Stacked MNIST, 1,000 modes).
 */
export function klFromCounts(counts: ArrayLike<number>, reference?: ArrayLike<number>): number {
  const bins = counts.length;
  assertArgument(bins > 0, 'counts', () => 'is empty');
  let total = 0;
  for (let b = 0; b < bins; b++) {
    const c = counts[b]!;
    assertArgument(
      Number.isFinite(c) && c >= 0,
      'counts',
      () => `entry ${b} is ${c}; counts must be finite and >= 0`,
    );
    total += c;
  }
  let refTotal = bins;
  if (reference !== undefined) {
    assertArgument(
      reference.length === bins,
      'reference',
      () => `has ${reference.length} entries but counts has ${bins}`,
    );
    refTotal = 0;
    for (let b = 0; b < bins; b++) {
      const r = reference[b]!;
      assertArgument(
        Number.isFinite(r) && r >= 0,
        'reference',
        () => `entry ${b} is ${r}; weights must be finite and >= 0`,
      );
      refTotal += r;
    }
    assertArgument(refTotal > 0, 'reference', () => 'has no mass');
  }
  if (total === 0) return Number.NaN;
  let kl = 0;
  for (let b = 0; b < bins; b++) {
    const c = counts[b]!;
    if (c === 0) continue;
    const p = c / total;
    const q = reference === undefined ? 1 / bins : reference[b]! / refTotal;
    if (q === 0) return Number.POSITIVE_INFINITY;
    kl += p * Math.log(p / q);
  }
  return Math.max(0, kl);
}
