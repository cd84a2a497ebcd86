import { assertArgument, type Batch, type Sampler } from '@mine/core/base';
import { integrate } from './internal/quadrature.js';
import { createStream } from './internal/stream.js';
import { assertInteger, assertPositive, assertSampleArguments } from './internal/validate.js';

/**
 * The deterministic maps of Sec. 4.2 (Fig. 2), applied componentwise on [−1, 1]:
 * - `'linear'`: f(x) = x
 * - `'cubic'`: f(x) = x³
 * - `'sin'`: f(x) = sin(x) (monotone on [−1, 1])
 */
export type EquitabilityFunction = 'linear' | 'cubic' | 'sin';

interface MonotoneMap {
  readonly f: (x: number) => number;
  /** The inverse on [f(−1), f(1)]; arguments outside are clamped. */
  readonly inverse: (y: number) => number;
}

const SIN_ONE = Math.sin(1);

const MAPS: Record<EquitabilityFunction, MonotoneMap> = {
  linear: { f: (x) => x, inverse: (y) => clamp(y, -1, 1) },
  cubic: { f: (x) => x * x * x, inverse: (y) => Math.cbrt(clamp(y, -1, 1)) },
  sin: { f: Math.sin, inverse: (y) => Math.asin(clamp(y, -SIN_ONE, SIN_ONE)) },
};

/** The names accepted by `equitability({ f })`. */
export const equitabilityFunctions: readonly EquitabilityFunction[] = ['linear', 'cubic', 'sin'];

export interface EquitabilityOptions {
  /** The map f; see {@link EquitabilityFunction}. */
  f: EquitabilityFunction;
  /** Noise standard deviation σ > 0. */
  sigma: number;
  /** Dimension of X and of Z (independent components). The paper uses 2. @default 2 */
  dim?: number;
  /** @default `equitability-${f}-${dim}x${dim}-sigma${sigma}` */
  name?: string;
}

/**
 * The equitability task of Sec. 4.2: X ~ U(−1, 1)^d and Z = f(X) + σ ε with ε ~ N(0, I),
 * componentwise with independent components. I(X; Z) = d · (h(Z₁) − ½ log(2πeσ²)), where the
 * density p(z) = ½ ∫₋₁¹ N(z; f(x), σ²) dx and h(Z₁) = −∫ p log p are integrated numerically
 * (adaptive Gauss–Kronrod, nested; error well below 1e-8 nats). Note that the true MI depends on f
 * as well as σ: for small σ it approaches log 2 + E log|f′(X)| − ½ log(2πeσ²).
 */
export function equitability(options: EquitabilityOptions): Sampler {
  const { f: fName, sigma } = options;
  const dim = options.dim ?? 2;
  assertArgument(
    typeof fName === 'string' && Object.hasOwn(MAPS, fName),
    'f',
    () =>
      `must be one of ${equitabilityFunctions.map((n) => `"${n}"`).join(', ')}, got ${JSON.stringify(fName)}`,
  );
  assertPositive(sigma, 'sigma');
  assertInteger(dim, 'dim');
  const map = MAPS[fName];
  const name = options.name ?? `equitability-${fName}-${dim}x${dim}-sigma${sigma}`;
  let mi: number | undefined;
  return {
    name,
    xDim: dim,
    zDim: dim,
    sample(n: number, seed: number): Batch {
      assertSampleArguments(n, seed);
      const stream = createStream(seed);
      const x = new Float32Array(n * dim);
      const z = new Float32Array(n * dim);
      stream.fillUniform(x, -1, 1);
      stream.fillNormal(z);
      const f = map.f;
      for (let i = 0; i < z.length; i++) z[i] = f(x[i]!) + sigma * z[i]!;
      return { n, x, z };
    },
    mutualInformation() {
      mi ??= dim * equitabilityComponentMi(fName, sigma);
      return mi;
    },
  };
}

const LOG_SQRT_TWO_PI_E = 0.5 * Math.log(2 * Math.PI * Math.E);
const INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);
/** Beyond this many σ the Gaussian kernel is below 1e-300 relative: ignored. */
const CUTOFF = 38;

/**
 * I(X; Z) in nats for one component of the equitability task: X ~ U(−1, 1), Z = f(X) + σ ε.
 */
export function equitabilityComponentMi(f: EquitabilityFunction, sigma: number): number {
  assertArgument(Object.hasOwn(MAPS, f), 'f', () => `unknown function ${JSON.stringify(f)}`);
  assertPositive(sigma, 'sigma');
  const { f: map, inverse } = MAPS[f];
  const lo = map(-1);
  const hi = map(1);
  // p(z) = ½ ∫ N(z; f(x), σ²) dx over the x with |z − f(x)| < CUTOFF σ (f is increasing).
  const density = (y: number): number => {
    const a = inverse(y - CUTOFF * sigma);
    const b = inverse(y + CUTOFF * sigma);
    if (!(b > a)) return 0;
    const kernel = (x: number): number => {
      const u = (y - map(x)) / sigma;
      return Math.exp(-0.5 * u * u);
    };
    const peak = inverse(y);
    const value = integrate(kernel, a, b, {
      absTol: 1e-14 * (b - a),
      relTol: 1e-12,
      breakpoints: [peak],
    });
    return (0.5 * INV_SQRT_TWO_PI * value) / sigma;
  };
  const entropyIntegrand = (y: number): number => {
    const p = density(y);
    return p > 0 ? -p * Math.log(p) : 0;
  };
  // Kinks of p sit at f(−1), f(1) and, for f′(0) = 0, at f(0).
  const breakpoints = [
    lo - 5 * sigma,
    lo,
    lo + 5 * sigma,
    map(0),
    hi - 5 * sigma,
    hi,
    hi + 5 * sigma,
  ];
  const hZ = integrate(entropyIntegrand, lo - CUTOFF * sigma, hi + CUTOFF * sigma, {
    absTol: 1e-11,
    relTol: 1e-11,
    breakpoints,
  });
  return Math.max(0, hZ - LOG_SQRT_TWO_PI_E - Math.log(sigma));
}

function clamp(value: number, lo: number, hi: number): number {
  return value < lo ? lo : value > hi ? hi : value;
}
