import { createStream } from './internal/stream.js';
import {
  assertInteger,
  assertNonNegative,
  assertPositive,
  assertSampleArguments,
} from './internal/validate.js';
import { DEFAULT_DATASET_SIZE, type PointSet } from './point-set.js';

export interface SpiralOptions {
  /** Standard deviation of the isotropic Gaussian noise added to each point. @default 0.05 */
  noise?: number;
  /** Number of full turns. @default 2 (θ ∈ [0, 4π]) */
  turns?: number;
  /** Radius at the outer end of the curve. @default 2 */
  radius?: number;
}

/** The spiral set with its noiseless curve exposed for metrics. */
export interface Spiral extends PointSet {
  readonly noise: number;
  readonly turns: number;
  readonly radius: number;
  /** The noiseless point at curve parameter t ∈ [0, 1]. */
  point(t: number): [number, number];
  /** `points` noiseless points at evenly spaced t ∈ [0, 1], row-major [points, 2]. */
  curve(points?: number): Float32Array;
}

/**
 * The spiral toy set (Sec. 5.1, Fig. 3; Sec. 8.1.2 "additive noise"): an Archimedean spiral with
 * Gaussian noise. With t ~ U(0, 1), θ = 2π·turns·t and r = radius·t (so r ∝ θ, starting at the
 * origin), a point is r·(cos θ, sin θ) + noise·ε, ε ~ N(0, I₂). Points are uniform in θ, hence
 * denser per unit length near the centre.
 */
export function spiral(options: SpiralOptions = {}): Spiral {
  const noise = options.noise ?? 0.05;
  const turns = options.turns ?? 2;
  const radius = options.radius ?? 2;
  assertNonNegative(noise, 'noise');
  assertPositive(turns, 'turns');
  assertPositive(radius, 'radius');
  const omega = 2 * Math.PI * turns;
  const point = (t: number): [number, number] => {
    const r = radius * t;
    return [r * Math.cos(omega * t), r * Math.sin(omega * t)];
  };
  const sample = (n: number, seed: number): Float32Array => {
    assertSampleArguments(n, seed);
    const stream = createStream(seed);
    const t = new Float64Array(n);
    stream.fillUniform(t, 0, 1);
    const out = new Float32Array(2 * n);
    stream.fillNormal(out);
    for (let i = 0; i < n; i++) {
      const r = radius * t[i]!;
      out[2 * i] = r * Math.cos(omega * t[i]!) + noise * out[2 * i]!;
      out[2 * i + 1] = r * Math.sin(omega * t[i]!) + noise * out[2 * i + 1]!;
    }
    return out;
  };
  return {
    name: 'spiral',
    dim: 2,
    noise,
    turns,
    radius,
    point,
    curve(points = 1000) {
      assertInteger(points, 'points', 2);
      const out = new Float32Array(2 * points);
      for (let i = 0; i < points; i++) {
        const [a, b] = point(i / (points - 1));
        out[2 * i] = a;
        out[2 * i + 1] = b;
      }
      return out;
    },
    sample,
    dataset: (n = DEFAULT_DATASET_SIZE, seed = 0) => sample(n, seed),
  };
}
