import { assertArgument } from '@mine/core/base';
import { klFromCounts } from './kl-from-counts.js';
import { assertCount, assertPositive, type PointsInput, toPoints } from './points.js';

export interface ArcCoverageOptions {
  /** Equal-length pieces the arc is cut into. @default 50 */
  bins?: number;
  /** Standard deviation of the data's noise around the curve. */
  std: number;
  /** A sample is high quality within threshold · std (Euclidean) of the curve. @default 3 */
  threshold?: number;
  /**
   * High-quality samples a bin needs to count as covered. Default, per bin: ⌈n · q_b / 5⌉ (at
   * least 1), a fifth of what a perfect generator puts there (q_b: the bin's reference share,
   * see `ArcCoverage.kl`); the same rule as `modeCoverage`'s default.
   */
  minCount?: number;
}

export interface ArcCoverage {
  /** Bins holding at least their `minCount` high-quality samples. */
  binsCovered: number;
  bins: number;
  /** binsCovered / bins. */
  coveredShare: number;
  /** Share of all samples within threshold · std of the curve. */
  highQualityShare: number;
  /**
   * KL(p ‖ q), nats: p = histogram of the high-quality samples over the bins, q = share of the
   * curve's points in each bin, i.e. the data distribution along the arc when the curve is sampled
   * like the data (uniform when its points are equally spaced). NaN with no high-quality sample.
   */
  kl: number;
  /** High-quality samples per bin, from the curve's start. */
  counts: number[];
}

/**
 * Coverage of a one-dimensional data manifold (the spiral of Sec. 5.1 / Fig. 3) by generated
 * samples. Each sample is projected on its nearest curve point (Euclidean) and kept as high
 * quality when within `threshold · std` of it; the curve, an ordered polyline, is cut into `bins`
 * pieces of equal arc length and each kept sample lands in the bin of its curve point. A bin is
 * covered when it holds at least `minCount` high-quality samples. A collapsed generator covers few
 * bins (low `coveredShare`) and has a large `kl`; an off-manifold one a low `highQualityShare`.
 *
 * `curve` must be ordered along the arc and dense relative to `std` (spacing well under std), and
 * every bin must contain at least one of its points. Points are flat [x0, y0, x1, y1, …] arrays or
 * matrices of equal width.
 */
export function arcCoverage(
  samples: PointsInput,
  curve: PointsInput,
  options: ArcCoverageOptions,
): ArcCoverage {
  const s = toPoints(samples, 'samples');
  const c = toPoints(curve, 'curve');
  assertArgument(
    c.cols === s.cols,
    'curve',
    () => `has ${c.cols} coordinates but samples have ${s.cols}`,
  );
  assertArgument(c.rows >= 2, 'curve', () => `needs at least 2 points, got ${c.rows}`);
  const { bins = 50, std, threshold = 3, minCount } = options ?? ({} as ArcCoverageOptions);
  assertCount(bins, 'bins');
  assertPositive(std, 'std');
  assertPositive(threshold, 'threshold');
  assertCount(minCount, 'minCount');
  const dims = s.cols;
  const m = c.rows;

  // Arc length at each curve point, then its bin.
  const arc = new Float64Array(m);
  for (let j = 1; j < m; j++) {
    let d2 = 0;
    for (let k = 0; k < dims; k++) d2 += (c.data[j * dims + k]! - c.data[(j - 1) * dims + k]!) ** 2;
    arc[j] = arc[j - 1]! + Math.sqrt(d2);
  }
  const length = arc[m - 1]!;
  assertArgument(length > 0, 'curve', () => 'has zero length');
  const pointBin = new Int32Array(m);
  const reference = new Array<number>(bins).fill(0);
  for (let j = 0; j < m; j++) {
    const b = Math.min(bins - 1, Math.floor((bins * arc[j]!) / length));
    pointBin[j] = b;
    reference[b]!++;
  }
  const empty = reference.indexOf(0);
  assertArgument(
    empty < 0,
    'curve',
    () =>
      `bin ${empty} of ${bins} holds none of its ${m} points; pass a denser curve or fewer bins`,
  );

  // Nearest curve point: scan outwards in order of the first coordinate, stopping once that
  // coordinate alone is farther than the best distance so far.
  const order = Array.from({ length: m }, (_, j) => j).sort(
    (a, b) => c.data[a * dims]! - c.data[b * dims]!,
  );
  const keys = Float64Array.from(order, (j) => c.data[j * dims]!);
  const radius2 = (threshold * std) ** 2;
  const counts = new Array<number>(bins).fill(0);
  let highQuality = 0;
  const n = s.rows;
  for (let i = 0; i < n; i++) {
    const x0 = s.data[i * dims]!;
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid]! < x0) lo = mid + 1;
      else hi = mid;
    }
    let best = Number.POSITIVE_INFINITY;
    let nearest = -1;
    const visit = (p: number): boolean => {
      const gap = keys[p]! - x0;
      if (gap * gap >= best) return false;
      const j = order[p]!;
      let d2 = 0;
      for (let k = 0; k < dims; k++) d2 += (s.data[i * dims + k]! - c.data[j * dims + k]!) ** 2;
      if (d2 < best) {
        best = d2;
        nearest = j;
      }
      return true;
    };
    for (let p = lo; p < m && visit(p); p++);
    for (let p = lo - 1; p >= 0 && visit(p); p--);
    if (best <= radius2) {
      counts[pointBin[nearest]!]!++;
      highQuality++;
    }
  }

  let covered = 0;
  for (let b = 0; b < bins; b++) {
    const needed = minCount ?? Math.max(1, Math.ceil((n * reference[b]!) / m / 5));
    if (counts[b]! >= needed) covered++;
  }
  return {
    binsCovered: covered,
    bins,
    coveredShare: covered / bins,
    highQualityShare: highQuality / n,
    kl: klFromCounts(counts, reference),
    counts,
  };
}
