import { BackendUnavailableError, InvalidArgumentError, MineError } from '@mine/core';

/**
 * Exit codes of `mine`: 0 an estimate; 1 internal error; 2 bad input or usage; 3 no estimate
 * (training diverged); 130 interrupted by Ctrl-C (with the estimate so far, when there is one).
 */
export const EXIT = { ok: 0, internal: 1, usage: 2, noEstimate: 3, interrupted: 130 } as const;

/**
 * Bad input a user can fix: a file, a cell, a column or a flag. The message is one line and says
 * where (file, line or row, column). Exits with code 2.
 */
export class InputError extends MineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
  }

  static override isInstance(error: unknown): error is InputError {
    return MineError.isInstance(error) && error.name === 'InputError';
  }
}

/** `file: where, column "name": problem` — the shape of every data error. */
export function dataError(file: string, where: string | undefined, problem: string): InputError {
  return new InputError(`${file}: ${where ? `${where}: ` : ''}${problem}`);
}

/** Shows a cell value in a message: text quoted and cut to 40 characters, on one line. */
export function showValue(value: unknown): string {
  if (typeof value === 'number' || value === undefined) return String(value);
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const flat = text.replace(/\s+/g, ' ');
  const cut = flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
  return typeof value === 'string' ? JSON.stringify(cut) : cut;
}

/** Errors that come from what the user gave us (exit 2) rather than from a bug (exit 1). */
export function isUserError(error: unknown): boolean {
  return (
    InputError.isInstance(error) ||
    InvalidArgumentError.isInstance(error) ||
    (MineError.isInstance(error) && error.name === 'BackendUnavailableError') ||
    error instanceof BackendUnavailableError
  );
}

/** The one line printed for an error. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `mine: error: ${message.replace(/\s*\n\s*/g, ' ').trim()}`;
}
