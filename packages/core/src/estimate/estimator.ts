// tfjs-free (exported from @mine/core/base too): estimators that need no tfjs implement it.
import { assertArgument } from '../errors.js';
import type { MatrixInput } from '../matrix.js';

export type Unit = 'nats' | 'bits';

/** Options every estimator accepts. */
export interface CommonEstimateOptions {
  /** Unit of `mi` and `ci`. @default 'nats' */
  unit?: Unit;
  /** Seed of every random choice the estimator makes; equal seeds give equal estimates. @default 0 */
  seed?: number;
}

/** An estimate of I(X; Z), the same shape from every estimator. */
export interface MiEstimate {
  /** The estimate in `unit`. */
  mi: number;
  unit: Unit;
  /** Interval in `unit` (bootstrap or standard error; see each estimator). */
  ci: [number, number];
  /** Name of the estimator that made it. */
  estimator: string;
  /** Rows used. */
  n: number;
  seconds: number;
  /** tfjs backend that ran it, or 'js' for estimators that need none. */
  backend: string;
  /** When the estimate may be unreliable, why (empty when nothing was noticed). */
  warnings: string[];
}

/**
 * An estimator of I(X; Z) from paired rows: every neural estimator of @mine/core, and KSG and the
 * Gaussian estimator of @mine/metrics, behind one call.
 */
export interface MiEstimator<O extends CommonEstimateOptions = CommonEstimateOptions> {
  /** The name it is known by in registries and on the command line. */
  readonly name: string;
  /** One line for help texts. */
  readonly description: string;
  /** 'neural' estimators train a critic on the active tfjs backend; 'reference' ones need no tfjs. */
  readonly kind: 'neural' | 'reference';
  /** Names of the options `estimate` accepts (others throw), for callers that hold many. */
  readonly options: readonly string[];
  /** Options given here override the estimator's own defaults. */
  estimate(x: MatrixInput, z: MatrixInput, options?: O): Promise<MiEstimate>;
}

/** Estimators by name, for command lines and benchmarks. */
export interface EstimatorRegistry {
  /** Names in registration order. */
  readonly names: readonly string[];
  has(name: string): boolean;
  /** The estimator named `name`; an unknown name throws, listing the known ones. */
  get(name: string, argument?: string): MiEstimator;
}

/** A registry of `estimators`; names must be unique. */
export function estimatorRegistry(estimators: readonly MiEstimator[]): EstimatorRegistry {
  const byName = new Map<string, MiEstimator>();
  for (const e of estimators) {
    assertArgument(!byName.has(e.name), 'estimators', () => `two estimators are named "${e.name}"`);
    byName.set(e.name, e);
  }
  const names = [...byName.keys()];
  return {
    names,
    has: (name) => byName.has(name),
    get(name, argument = 'estimator') {
      const found = byName.get(name);
      assertArgument(
        found,
        argument,
        () => `unknown estimator "${name}". Should be one of: ${names.join(', ')}`,
      );
      return found;
    },
  };
}

/** `options` over `defaults`, where an undefined option keeps the default. */
export function withDefaults<T extends object>(defaults: T, options: T): T {
  const merged = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(options)) if (value !== undefined) merged[key] = value;
  return merged as T;
}

/** The entries of `options` that `estimator` accepts. */
export function optionsFor<O extends CommonEstimateOptions>(
  estimator: MiEstimator<O>,
  options: Record<string, unknown>,
): O {
  return Object.fromEntries(
    Object.entries(options).filter(([key]) => estimator.options.includes(key)),
  ) as unknown as O;
}

/** Converts nats to `unit`. */
export function inUnit(nats: number, unit: Unit): number {
  return unit === 'bits' ? nats * (1 / Math.LN2) : nats;
}

/** Throws naming the first key of `options` (with a defined value) not in `known`. */
export function assertKnownOptions(options: object, names: Iterable<string>): void {
  const known = new Set(names);
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    assertArgument(
      known.has(key),
      key,
      () => `unknown option. Known options: ${[...known].join(', ')}`,
    );
  }
}

/** Checks a unit option. */
export function assertUnit(unit: unknown): asserts unit is Unit {
  assertArgument(
    unit === 'nats' || unit === 'bits',
    'unit',
    () => `must be "nats" or "bits", got "${String(unit)}"`,
  );
}
