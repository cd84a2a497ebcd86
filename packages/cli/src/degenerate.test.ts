import { createRng, type Matrix } from '@mine/core';
import { linearDependence } from '@mine/metrics';
import { describe, expect, it } from 'vitest';
import { checkDegenerate } from './degenerate.js';

const n = 1000;
const rng = createRng(3);
const x0 = Float64Array.from({ length: n }, () => rng.normal());
const x1 = Float64Array.from({ length: n }, () => rng.normal());
const noise = Float64Array.from({ length: n }, () => rng.normal());

function matrix(...cols: ArrayLike<number>[]): Matrix {
  const data = new Float64Array(n * cols.length);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < cols.length; j++) data[i * cols.length + j] = cols[j]![i]!;
  return { data, rows: n, cols: cols.length };
}

const map = (c: Float64Array, f: (v: number, i: number) => number) => Float64Array.from(c, f);

function check(x: Matrix, z: Matrix) {
  const names = ['a', 'b', 'c', 'd'];
  return checkDegenerate({
    table: { file: 'data.csv', names, width: 4 },
    x,
    z,
    xCols: Array.from({ length: x.cols }, (_, j) => j),
    zCols: Array.from({ length: z.cols }, (_, k) => x.cols + k),
    linear: linearDependence,
  });
}

describe('checkDegenerate', () => {
  it('passes dependent but noisy data without a word', () => {
    const z0 = map(x0, (v, i) => 0.8 * v + 0.6 * noise[i]!);
    const z1 = map(x1, (v, i) => v ** 3 + 0.1 * noise[i]!);
    expect(check(matrix(x0, x1), matrix(z0, z1))).toEqual([]);
  });

  it.each([
    [
      'an exact copy',
      (v: number) => v,
      /--z column "b" is an exact copy of --x column "a": I\(x; z\) is infinite/,
    ],
    [
      'an affine copy',
      (v: number) => 1 - 3 * v,
      /--z column "b" is a strictly decreasing function of --x column "a"/,
    ],
    ['exp(x)', Math.exp, /--z column "b" is a strictly increasing function of --x column "a"/],
    [
      'a float32 copy',
      Math.fround,
      /--z column "b" is (a strictly increasing|a non-decreasing) function of --x column "a"/,
    ],
    [
      'a 4-digit rounding',
      (v: number) => Math.round(v * 1e4) / 1e4,
      /--z column "b" is .* function of --x column "a"/,
    ],
  ])('rejects %s of an x column (infinite MI)', (_, f, pattern) => {
    expect(() => check(matrix(x0), matrix(map(x0, f)))).toThrow(pattern);
  });

  it('rejects an x column that is a function of a z column, and a linear function of several', () => {
    expect(() =>
      check(
        matrix(
          x0,
          map(noise, (v) => v * v * v),
        ),
        matrix(noise),
      ),
    ).toThrow(/--z column "c" is a strictly increasing function of --x column "b"/);
    expect(() =>
      check(
        matrix(x0, x1),
        matrix(
          noise,
          map(x0, (v, i) => v - 2 * x1[i]!),
        ),
      ),
    ).toThrow(
      /--z column "d" is \(numerically\) a linear function of the --x columns: I\(x; z\) is infinite/,
    );
  });

  it('warns, with the entropy, when the copied column is discrete (finite MI)', () => {
    const level = map(x0, (v) => (v < -0.5 ? 0 : v < 0.5 ? 1 : 2));
    const warnings = check(matrix(level), matrix(map(level, (v) => 10 * v)));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /--z column "b" is an increasing function of --x column "a" and takes 3 distinct values: I\(x; z\) ≥ their entropy, 1\.0\d\d nats/,
    );
    // Binned copies: functions that are not one-to-one, either way round.
    expect(check(matrix(map(noise, (v) => (v > 0 ? 1 : 0))), matrix(noise))).toEqual([
      expect.stringMatching(
        /--x column "a" is an increasing function of --z column "b" and takes 2/,
      ),
    ]);
    expect(check(matrix(x0), matrix(level))).toEqual([
      expect.stringMatching(
        /--z column "b" is an increasing function of --x column "a" and takes 3 distinct values/,
      ),
    ]);
  });
});
