import { assertArgument, type Batch, type Sampler } from '@mine/core/base';
import { normalCdf } from '@mine/core/math';
import { assertPositive } from './internal/validate.js';

/**
 * A bijection of R^dim (or of a subset, onto its image) applied row by row. Mutual information is
 * unchanged by a bijection of X or of Z, so transformed samplers keep the base sampler's MI.
 */
export interface Transform {
  /** Short kebab-case name, used in task names. */
  readonly name: string;
  /** Smallest dimension the transform accepts. @default 1 */
  readonly minDim?: number;
  /** Transforms a row-major [n, dim] matrix in place. */
  apply(values: Float32Array, dim: number): void;
}

function elementwise(name: string, f: (v: number) => number): Transform {
  return {
    name,
    apply(values) {
      for (let i = 0; i < values.length; i++) values[i] = f(values[i]!);
    },
  };
}

/** v ↦ v·|v|^½ (bmi's "half-cube"), a bijection of R with heavier tails. */
export const halfCubeTransform: Transform = elementwise(
  'half-cube',
  (v) => v * Math.sqrt(Math.abs(v)),
);

/** v ↦ asinh(v), a bijection of R that tames heavy tails (bmi's "asinh" tasks). */
export const asinhTransform: Transform = elementwise('asinh', Math.asinh);

/** v ↦ Φ(v), the standard normal CDF: turns standard normal margins into U(0, 1) margins. */
export const normalCdfTransform: Transform = elementwise('normal-cdf', normalCdf);

/**
 * bmi's "wiggly" map for X: v + 0.4 sin(v) + 0.2 sin(1.7v + 1) + 0.03 sin(3.3v − 2.5); its
 * derivative is ≥ 1 − 0.4 − 0.34 − 0.099 > 0, so it is a bijection of R.
 */
export const wigglyXTransform: Transform = elementwise(
  'wiggly',
  (v) => v + 0.4 * Math.sin(v) + 0.2 * Math.sin(1.7 * v + 1) + 0.03 * Math.sin(3.3 * v - 2.5),
);

/**
 * bmi's "wiggly" map for Z: v − 0.4 sin(0.4v) + 0.17 sin(1.3v + 3.5) + 0.02 sin(4.3v − 2.5);
 * derivative ≥ 1 − 0.16 − 0.221 − 0.086 > 0.
 */
export const wigglyZTransform: Transform = elementwise(
  'wiggly',
  (v) =>
    v - 0.4 * Math.sin(0.4 * v) + 0.17 * Math.sin(1.3 * v + 3.5) + 0.02 * Math.sin(4.3 * v - 2.5),
);

export interface SpiralTransformOptions {
  /** Rotation angle per unit squared norm. @default 1/3 */
  speed?: number;
}

/**
 * A spiral diffeomorphism of R^dim (dim ≥ 2), after bmi's `Spiral`: rotates the plane of the
 * first two coordinates by the angle speed·‖v‖². The rotation keeps ‖v‖, so the inverse is the
 * rotation by −speed·‖v‖².
 */
export function spiralTransform(options: SpiralTransformOptions = {}): Transform {
  const speed = options.speed ?? 1 / 3;
  assertPositive(speed, 'speed');
  return {
    name: 'spiral',
    minDim: 2,
    apply(values, dim) {
      const n = values.length / dim;
      for (let r = 0; r < n; r++) {
        const base = r * dim;
        let norm2 = 0;
        for (let j = 0; j < dim; j++) norm2 += values[base + j]! * values[base + j]!;
        const angle = speed * norm2;
        const c = Math.cos(angle);
        const s = Math.sin(angle);
        const a = values[base]!;
        const b = values[base + 1]!;
        values[base] = c * a - s * b;
        values[base + 1] = s * a + c * b;
      }
    },
  };
}

export interface TransformedOptions {
  /** Applied to X. @default identity */
  x?: Transform;
  /** Applied to Z. @default identity */
  z?: Transform;
  /** @default the transform names then the base name, joined by "-" */
  name?: string;
}

/**
 * The base sampler with bijections applied to X and/or Z; same mutual information as the base
 * (MI is invariant under invertible maps of either variable, Sec. 4.1).
 */
export function transformed(base: Sampler, options: TransformedOptions): Sampler {
  const { x: tx, z: tz } = options;
  assertArgument(
    base !== null && typeof base === 'object' && typeof base.sample === 'function',
    'base',
    () => 'must be a Sampler',
  );
  for (const [argument, t, dim] of [
    ['x', tx, base.xDim],
    ['z', tz, base.zDim],
  ] as const) {
    if (t === undefined) continue;
    assertArgument(typeof t.apply === 'function', argument, () => 'must be a Transform');
    const minDim = t.minDim ?? 1;
    assertArgument(
      dim >= minDim,
      argument,
      () => `transform "${t.name}" needs dimension >= ${minDim}, but ${argument} has ${dim}`,
    );
  }
  const prefix = [...new Set([tx?.name, tz?.name].filter((s) => s !== undefined))];
  const name = options.name ?? [...prefix, base.name].join('-');
  return {
    name,
    xDim: base.xDim,
    zDim: base.zDim,
    sample(n: number, seed: number): Batch {
      const batch = base.sample(n, seed);
      tx?.apply(batch.x, base.xDim);
      tz?.apply(batch.z, base.zDim);
      return batch;
    },
    mutualInformation: () => base.mutualInformation(),
  };
}
