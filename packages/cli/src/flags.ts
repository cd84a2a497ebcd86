import { type Command, InvalidArgumentError as CommanderArgumentError } from 'commander';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function number(text: string): number {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) throw new CommanderArgumentError('Expected a number.');
  return Number(trimmed);
}

/** An integer ≥ `min` (decimal or exponent notation such as 1e4). */
export function integerFlag(min: number, max = Number.MAX_SAFE_INTEGER): (text: string) => number {
  return (text) => {
    const value = number(text);
    if (!Number.isSafeInteger(value)) throw new CommanderArgumentError('Expected an integer.');
    if (value < min) throw new CommanderArgumentError(`Expected an integer >= ${min}.`);
    if (value > max) throw new CommanderArgumentError(`Expected an integer <= ${max}.`);
    return value;
  };
}

/** A finite number > 0. */
export function positiveNumberFlag(text: string): number {
  const value = number(text);
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new CommanderArgumentError('Expected a positive number.');
  }
  return value;
}

/** Comma-separated positive integers, e.g. `400,400`. */
export function integerListFlag(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1)) {
    throw new CommanderArgumentError('Expected comma-separated positive integers, e.g. 400,400.');
  }
  return parts.map(Number);
}

/**
 * Makes an option that takes a value a usage error when given twice (commander would keep the
 * last one silently): `--x a --x b` means neither `a` nor `a,b` for sure.
 */
export function rejectRepeatedOptions(command: Command): void {
  const seen = new Map<string, string>();
  for (const option of command.options) {
    if (!option.required && !option.optional) continue;
    const flag = option.long ?? option.flags;
    command.on(`option:${option.name()}`, (value: string) => {
      const previous = seen.get(flag);
      if (previous !== undefined) {
        const list =
          flag === '--x' || flag === '--z'
            ? `; select several columns with one list, e.g. ${flag} ${previous},${value}`
            : '';
        command.error(`${flag} given twice (${previous} and ${value}): give it once${list}`, {
          exitCode: 2,
          code: 'mine.repeatedOption',
        });
      }
      seen.set(flag, value);
    });
  }
}
