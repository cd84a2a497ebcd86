const marker = Symbol.for('mine.error');

/** Base class of every error @mine throws. `MineError.isInstance` survives duplicate installs. */
export class MineError extends Error {
  readonly [marker] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MineError';
  }

  static isInstance(error: unknown): error is MineError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}

/** A caller passed a bad value; `argument` names it. */
export class InvalidArgumentError extends MineError {
  readonly argument: string;

  constructor({ argument, message }: { argument: string; message: string }) {
    super(`Invalid argument "${argument}": ${message}`);
    this.name = 'InvalidArgumentError';
    this.argument = argument;
  }

  static override isInstance(error: unknown): error is InvalidArgumentError {
    return MineError.isInstance(error) && error.name === 'InvalidArgumentError';
  }
}

/** A requested backend cannot be loaded; `packageName` is what to install. */
export class BackendUnavailableError extends MineError {
  readonly backend: string;
  readonly packageName: string | undefined;

  constructor({
    backend,
    packageName,
    cause,
  }: { backend: string; packageName?: string; cause?: unknown }) {
    super(
      packageName
        ? `Backend "${backend}" is not available: install ${packageName} (npm i ${packageName}@4.22.0).`
        : `Backend "${backend}" is not available.`,
      { cause },
    );
    this.name = 'BackendUnavailableError';
    this.backend = backend;
    this.packageName = packageName;
  }
}

/** Throws InvalidArgumentError when `condition` is false; the message is built lazily. */
export function assertArgument(
  condition: unknown,
  argument: string,
  message: () => string,
): asserts condition {
  if (!condition) throw new InvalidArgumentError({ argument, message: message() });
}

/** Throws InvalidArgumentError naming `argument` unless `value` is an integer > 0. */
export function assertPositiveInteger(value: number, argument: string): void {
  assertArgument(
    Number.isInteger(value) && value > 0,
    argument,
    () => `must be a positive integer, got ${value}`,
  );
}
