import { describe, expect, it } from 'vitest';
import { type Tab2ModelRow, verdict } from './tab2.js';

const row = (model: Tab2ModelRow['model'], reconError: number, reconAccuracy: number) => ({
  model,
  label: model,
  reconError,
  reconAccuracy,
  msSsim: 0.5,
  iterations: 10,
  seconds: 1,
  secondsPerIteration: 0.1,
  evalSeconds: 1,
  paper: { reconError: 0, reconAccuracy: 0, msSsim: 0 },
});

describe('tab2 verdict', () => {
  it('confirms the ordering when ALI+MINE reconstructs and beats ALI', () => {
    const text = verdict([
      row('ali', 14, 0.45),
      row('ali-mine', 9, 0.95),
      row('alice-l2', 3, 0.99),
    ]);
    expect(text).toMatch(/reconstructs better than ALI .* is confirmed/);
    expect(text).toMatch(/ALICE \(l2\) has the lowest error/);
  });

  it('reads no ordering when ALI and ALI+MINE are both at chance and others are not', () => {
    const text = verdict([
      row('ali', 23.95, 0.1165),
      row('ali-mine', 19.56, 0.137),
      row('alice-l2', 5.76, 0.98),
    ]);
    expect(text).toMatch(/error is lower than ALI's .* both reconstruct at chance/);
    expect(text).toMatch(/neither confirms nor refutes/);
    expect(text).not.toMatch(/is confirmed/);
  });

  it('says so when every model is at chance', () => {
    const text = verdict([row('ali', 20, 0.1), row('ali-mine', 21, 0.12)]);
    expect(text).toMatch(/Every model reconstructs at chance/);
    expect(text).toMatch(/is not confirmed/);
  });
});
