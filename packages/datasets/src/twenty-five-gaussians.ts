import { createStream } from './internal/stream.js';
import { assertPositive, assertSampleArguments } from './internal/validate.js';
import { DEFAULT_DATASET_SIZE, type PointSet } from './point-set.js';

export interface TwentyFiveGaussiansOptions {
  /** Standard deviation of each isotropic component (Sec. 8.1.2 uses 0.05). @default 0.05 */
  std?: number;
  /**
   * Distance between neighbouring centres: centres are spacing·(i, j) for i, j ∈ {−2, −1, 0, 1, 2}.
   * 1 gives the grid {−2, …, 2}²; 2 gives {−4, −2, 0, 2, 4}² as in VEEGAN/PacGAN. @default 1
   */
  spacing?: number;
}

/** The 25-Gaussians set with its modes exposed for mode-coverage metrics. */
export interface TwentyFiveGaussians extends PointSet {
  readonly std: number;
  readonly spacing: number;
  /** The 25 centres, row-major [25, 2], ordered by i (x) then j (y). */
  modes(): Float32Array;
  /** Like `sample`, plus the index (0..24, into `modes()`) of the component of each point. */
  sampleLabelled(n: number, seed: number): { points: Float32Array; labels: Int32Array };
}

/**
 * The 25-Gaussians toy set (Sec. 5.1, Fig. 4; details Sec. 8.1.2): an equal-weight mixture of 25
 * isotropic Gaussians N(c, std² I) centred on a 5 × 5 grid.
 */
export function twentyFiveGaussians(options: TwentyFiveGaussiansOptions = {}): TwentyFiveGaussians {
  const std = options.std ?? 0.05;
  const spacing = options.spacing ?? 1;
  assertPositive(std, 'std');
  assertPositive(spacing, 'spacing');
  const centres = new Float64Array(50);
  for (let i = 0; i < 5; i++) {
    for (let j = 0; j < 5; j++) {
      centres[2 * (5 * i + j)] = spacing * (i - 2);
      centres[2 * (5 * i + j) + 1] = spacing * (j - 2);
    }
  }
  const sampleLabelled = (n: number, seed: number) => {
    assertSampleArguments(n, seed);
    const stream = createStream(seed);
    const labels = new Int32Array(n);
    for (let r = 0; r < n; r++) labels[r] = stream.int(25);
    const points = new Float32Array(2 * n);
    stream.fillNormal(points);
    for (let r = 0; r < n; r++) {
      const k = labels[r]!;
      points[2 * r] = centres[2 * k]! + std * points[2 * r]!;
      points[2 * r + 1] = centres[2 * k + 1]! + std * points[2 * r + 1]!;
    }
    return { points, labels };
  };
  return {
    name: 'twenty-five-gaussians',
    dim: 2,
    std,
    spacing,
    modes: () => Float32Array.from(centres),
    sampleLabelled,
    sample: (n, seed) => sampleLabelled(n, seed).points,
    dataset: (n = DEFAULT_DATASET_SIZE, seed = 0) => sampleLabelled(n, seed).points,
  };
}
