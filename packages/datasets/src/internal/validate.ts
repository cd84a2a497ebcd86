import { assertArgument } from '@mine/core/base';

/** Throws InvalidArgumentError unless `value` is an integer >= `min`. */
export function assertInteger(value: unknown, argument: string, min = 1): asserts value is number {
  assertArgument(
    typeof value === 'number' && Number.isInteger(value) && value >= min,
    argument,
    () => `must be an integer >= ${min}, got ${String(value)}`,
  );
}

/** Throws InvalidArgumentError unless `value` is a finite number > 0. */
export function assertPositive(value: unknown, argument: string): asserts value is number {
  assertArgument(
    typeof value === 'number' && Number.isFinite(value) && value > 0,
    argument,
    () => `must be a finite number > 0, got ${String(value)}`,
  );
}

/** Throws InvalidArgumentError unless `value` is a finite number >= 0. */
export function assertNonNegative(value: unknown, argument: string): asserts value is number {
  assertArgument(
    typeof value === 'number' && Number.isFinite(value) && value >= 0,
    argument,
    () => `must be a finite number >= 0, got ${String(value)}`,
  );
}

/** Checks the arguments of `sample(n, seed)`. */
export function assertSampleArguments(n: unknown, seed: unknown): void {
  assertInteger(n, 'n', 0);
  assertArgument(
    typeof seed === 'number' && Number.isFinite(seed),
    'seed',
    () => `must be a finite number, got ${String(seed)}`,
  );
}
