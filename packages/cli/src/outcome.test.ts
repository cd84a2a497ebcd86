import { describe, expect, it } from 'vitest';
import { EXIT } from './errors.js';
import { outcomeOf, zeroWidthWarning } from './outcome.js';

const base = { unit: 'nats' as const, neural: true, interrupted: false, steps: 300 };

describe('outcomeOf', () => {
  it('an estimate is ok, small negative ones included (no dependence found)', () => {
    expect(outcomeOf({ ...base, mi: 0.4 })).toEqual({ status: 'ok', code: 0, estimate: true });
    expect(outcomeOf({ ...base, mi: -0.3 })).toMatchObject({ status: 'ok', code: EXIT.ok });
  });

  it('a blown-up or non-finite neural bound is diverged: exit 3, no estimate', () => {
    for (const mi of [-4.3e11, -1.5, Number.NaN]) {
      const o = outcomeOf({ ...base, mi, learningRate: 1e6 });
      expect(o).toMatchObject({ status: 'diverged', code: EXIT.noEstimate, estimate: false });
      expect(o.message).toMatch(
        /^mine: error: training diverged \(.* after 300 steps\): no estimate, and no evidence of independence; try a smaller learning rate than --lr 1000000$/,
      );
    }
    // -1.2 bits is -0.83 nats: above the line.
    expect(outcomeOf({ ...base, unit: 'bits', mi: -1.2 }).status).toBe('ok');
    // ksg can be slightly negative near independence; it never diverges.
    expect(outcomeOf({ ...base, neural: false, mi: -1.5 }).status).toBe('ok');
  });

  it('an interrupted run exits 130, with the estimate so far when there is one', () => {
    expect(outcomeOf({ ...base, mi: 0.4, interrupted: true })).toMatchObject({
      status: 'interrupted',
      code: 130,
      estimate: true,
      message:
        'mine: interrupted after 300 steps: the estimate is from the held-out evaluations so far',
    });
    expect(outcomeOf({ ...base, mi: Number.NaN, steps: 51, interrupted: true })).toMatchObject({
      status: 'interrupted',
      code: 130,
      estimate: false,
      message:
        'mine: error: interrupted after 51 steps before the first held-out evaluation: no estimate',
    });
    expect(
      outcomeOf({ ...base, neural: false, mi: undefined, steps: undefined, interrupted: true }),
    ).toMatchObject({ estimate: false, message: 'mine: error: interrupted: no estimate' });
  });
});

describe('zeroWidthWarning', () => {
  it('names an interval of zero width, and only that', () => {
    expect(zeroWidthWarning(9.677868103610342, [9.67786810361034, 9.677868103610344])).toMatch(
      /interval has zero width/,
    );
    expect(zeroWidthWarning(0.22, [0.19, 0.26])).toBeUndefined();
    expect(zeroWidthWarning(0.22, [Number.NaN, Number.NaN])).toBeUndefined();
  });
});
