// Flags of the commands whose options go beyond the common ones (`commonArgs`), checked with
// messages that name the flag.

/** A bad flag value: `parseFlags` prints its message and exits with status 2. */
export class UsageError extends Error {}

/** An integer flag ≥ `min`; undefined when it is absent. */
export function intFlag(value: unknown, name: string, min: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${String(value)}"`);
  return n;
}

/** One of `allowed`. */
export function choiceFlag<T extends string>(
  value: unknown,
  name: string,
  allowed: readonly T[],
): T {
  const v = String(value);
  if (!(allowed as readonly string[]).includes(v))
    throw new UsageError(`unknown ${name} "${v}". Should be one of: ${allowed.join(', ')}`);
  return v as T;
}

/** A comma-separated subset of `allowed`; undefined when the flag is absent. */
export function listFlag<T extends string>(
  value: unknown,
  name: string,
  allowed: readonly T[],
): T[] | undefined {
  if (value === undefined || value === '') return undefined;
  const items = String(value)
    .split(',')
    .map((m) => m.trim());
  const unknown = items.filter((m) => !(allowed as readonly string[]).includes(m));
  if (unknown.length > 0)
    throw new UsageError(
      `unknown ${name} ${unknown.join(', ')}. Should be among: ${allowed.join(', ')}`,
    );
  return items as T[];
}

/** Runs `parse`; on a `UsageError` prints "repro <command>: message" and exits with status 2. */
export function parseFlags<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`repro ${command}: ${error.message}`);
    process.exit(2);
  }
}
