import { describe, expect, it } from 'vitest';
import { choiceFlag, intFlag, listFlag, UsageError } from './flags.js';

describe('command flags', () => {
  it('parse valid values and name the flag of a bad one', () => {
    expect(intFlag('3', 'seeds', 1)).toBe(3);
    expect(intFlag(undefined, 'seeds', 1)).toBeUndefined();
    expect(() => intFlag('0', 'seeds', 1)).toThrow(/--seeds must be an integer ≥ 1, got "0"/);
    expect(choiceFlag('quick', 'profile', ['quick', 'paper'] as const)).toBe('quick');
    expect(() => choiceFlag('fast', 'profile', ['quick', 'paper'])).toThrow(UsageError);
    expect(listFlag('a, b', 'model(s)', ['a', 'b', 'c'])).toEqual(['a', 'b']);
    expect(listFlag('', 'model(s)', ['a'])).toBeUndefined();
    expect(() => listFlag('a,x', 'model(s)', ['a', 'b'])).toThrow(
      /unknown model\(s\) x\. Should be among: a, b/,
    );
  });
});
