import { assertArgument } from '@mine/core/base';
import { klFromCounts } from './kl-from-counts.js';
import { assertCount, assertPositive, type PointsInput, toPoints } from './points.js';

export interface ModeCoverageOptions {
  /** Standard deviation of each mode (e.g. 0.05 for the paper's 25 Gaussians). */
  std: number;
  /** A sample is high quality within threshold · std (Euclidean) of its nearest mode. @default 3 */
  threshold?: number;
  /**
   * High-quality samples a mode needs to count in `modesCovered`. Default: ⌈n / (5m)⌉ (at least
   * 1) for n samples and m modes, a fifth of what a perfect generator puts on each mode (20 for
   * 2,500 samples and 25 modes). This stricter rule is ours, not from the literature; VEEGAN's and
   * PacGAN's count is `modesWithAnySample` (the same as minCount 1).
   */
  minCount?: number;
}

export interface ModeCoverage {
  /** Modes with at least `minCount` high-quality samples (the stricter count). */
  modesCovered: number;
  /**
   * Modes with at least one high-quality sample: the "number of modes captured" of VEEGAN
   * (Srivastava et al., 2017, synthetic experiments: 2,500 samples, 3 std) and the mode coverage of
   * PacGAN (Lin et al., 2018; their released code's `MetricLogger` counts the modes with a non-zero
   * count).
   */
  modesWithAnySample: number;
  /** Share of all samples that are high quality. */
  highQualityShare: number;
  /**
   * KL(p ‖ uniform), nats, p = histogram of the high-quality samples over their nearest modes
   * (empty modes cost nothing; dropping to 1 of m modes gives log m). NaN with no high-quality
   * sample.
   */
  kl: number;
  /** High-quality samples per mode, in the order of `modes`. */
  counts: number[];
  /** The threshold applied for `modesCovered`. */
  minCount: number;
}

/**
 * Mode coverage of samples from a generator trained on a mixture of isotropic Gaussians
 * (the 25-Gaussians grid, rings), with VEEGAN's and PacGAN's definitions: each sample is assigned
 * to its nearest mode and is high quality when it lies within `threshold · std` (3 std) of it;
 * VEEGAN and PacGAN count a mode as captured with at least one high-quality sample
 * (`modesWithAnySample`). `modesCovered` applies the stricter `minCount`.
 *
 * `samples` and `modes` are flat [x0, y0, x1, y1, …] arrays of 2-D points, or matrices of any
 * (equal) width.
 */
export function modeCoverage(
  samples: PointsInput,
  modes: PointsInput,
  options: ModeCoverageOptions,
): ModeCoverage {
  const s = toPoints(samples, 'samples');
  const m = toPoints(modes, 'modes');
  assertArgument(
    m.cols === s.cols,
    'modes',
    () => `have ${m.cols} coordinates but samples have ${s.cols}`,
  );
  const { std, threshold = 3, minCount } = options ?? ({} as ModeCoverageOptions);
  assertPositive(std, 'std');
  assertPositive(threshold, 'threshold');
  assertCount(minCount, 'minCount');
  const n = s.rows;
  const modeCount = m.rows;
  const dims = s.cols;
  const radius2 = (threshold * std) ** 2;
  const counts = new Array<number>(modeCount).fill(0);
  let highQuality = 0;
  for (let i = 0; i < n; i++) {
    let best = Number.POSITIVE_INFINITY;
    let nearest = 0;
    for (let j = 0; j < modeCount; j++) {
      let d2 = 0;
      for (let c = 0; c < dims; c++) d2 += (s.data[i * dims + c]! - m.data[j * dims + c]!) ** 2;
      if (d2 < best) {
        best = d2;
        nearest = j;
      }
    }
    if (best <= radius2) {
      counts[nearest]!++;
      highQuality++;
    }
  }
  const needed = minCount ?? Math.max(1, Math.ceil(n / (5 * modeCount)));
  return {
    modesCovered: counts.filter((c) => c >= needed).length,
    modesWithAnySample: counts.filter((c) => c > 0).length,
    highQualityShare: highQuality / n,
    kl: klFromCounts(counts),
    counts,
    minCount: needed,
  };
}
