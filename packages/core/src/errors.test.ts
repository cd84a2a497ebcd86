import { describe, expect, it } from 'vitest';
import {
  assertArgument,
  assertPositiveInteger,
  InvalidArgumentError,
  MineError,
} from './errors.js';

describe('argument checks', () => {
  it('assertArgument throws an InvalidArgumentError naming the argument, building the message lazily', () => {
    let built = 0;
    const message = () => {
      built++;
      return 'must be odd';
    };
    expect(() => assertArgument(true, 'n', message)).not.toThrow();
    expect(built).toBe(0);
    expect(() => assertArgument(false, 'n', message)).toThrow(InvalidArgumentError);
    expect(() => assertArgument(false, 'n', message)).toThrow(/n.*must be odd/);
  });

  it('assertPositiveInteger accepts 1, 2, ... and names the argument otherwise', () => {
    for (const ok of [1, 7, 2 ** 40]) expect(() => assertPositiveInteger(ok, 'rows')).not.toThrow();
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => assertPositiveInteger(bad, 'rows')).toThrow(
        /rows.*must be a positive integer, got/,
      );
    }
    expect(MineError.isInstance(catchError(() => assertPositiveInteger(0, 'rows')))).toBe(true);
  });
});

function catchError(f: () => void): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
}
