import { describe, expect, it } from 'vitest';
import {
  denseCorrelation,
  groundTruthSuite,
  groundTruthTask,
  pairedCorrelation,
} from './ground-truth-suite.js';
import { thrownArgument } from './test-utils.js';

// The suite's names and true MI (nats), as listed in the README; Gaussian values cross-checked
// with numpy.linalg.slogdet, Student-t corrections with mpmath.
const expected: Record<string, number> = {
  'binormal-rho0.75': 0.4133392865922339,
  'normal-cdf-binormal-rho0.75': 0.4133392865922339,
  'half-cube-binormal-rho0.75': 0.4133392865922339,
  'wiggly-binormal-rho0.75': 0.4133392865922339,
  'binormal-rho0.99': 1.9585177736258443,
  'correlated-gaussians-5x5-rho0.9': 4.151828017054128,
  'correlated-gaussians-20x20-rho0.5': 2.876820724517809,
  'additive-uniform-eps0.1': 1.7094379124341004,
  'additive-uniform-eps0.75': 0.3333333333333333,
  'multinormal-dense-5x5': 0.5928118328288694,
  'multinormal-dense-25x25': 1.2921837216593204,
  'multinormal-sparse-5x5': 1.0216512475319812,
  'multinormal-sparse-25x25': 1.0216512475319812,
  'normal-cdf-multinormal-sparse-5x5': 1.0216512475319812,
  'half-cube-multinormal-sparse-5x5': 1.0216512475319812,
  'spiral-multinormal-sparse-5x5': 1.0216512475319812,
  'student-t-dof1-1x1': 0.2241714275292361,
  'asinh-student-t-dof1-1x1': 0.2241714275292361,
  'student-t-dof1-2x2': 0.43194562200144304,
  'student-t-dof2-2x2': 0.19314718055994531,
  'student-t-dof5-2x2': 0.05075795090692722,
  'asinh-student-t-dof2-3x3': 0.29092192268276357,
  'independent-gaussian-3x3': 0,
};

describe('groundTruthSuite', () => {
  const suite = groundTruthSuite();

  it('has 15-25 uniquely named tasks with the documented true MI', () => {
    expect(suite.length).toBeGreaterThanOrEqual(15);
    expect(suite.length).toBeLessThanOrEqual(25);
    expect(suite.map((t) => t.name)).toEqual(Object.keys(expected));
    for (const task of suite) {
      expect(Math.abs(task.mutualInformation() - expected[task.name]!)).toBeLessThan(1e-11);
    }
  });

  it('every task samples finite rows of the declared shape, reproducibly', () => {
    for (const task of suite) {
      const a = task.sample(2000, 1);
      expect(a.n).toBe(2000);
      expect(a.x.length).toBe(2000 * task.xDim);
      expect(a.z.length).toBe(2000 * task.zDim);
      expect(a.x.every(Number.isFinite) && a.z.every(Number.isFinite)).toBe(true);
      expect(task.sample(50, 1)).toEqual(task.sample(50, 1));
      expect(task.sample(50, 2).x).not.toEqual(task.sample(50, 3).x);
    }
  });

  it('looks tasks up by name', () => {
    expect(groundTruthTask('student-t-dof2-2x2').mutualInformation()).toBeCloseTo(
      0.19314718055994531,
      12,
    );
    expect(thrownArgument(() => groundTruthTask('nope'))).toBe('name');
  });

  it('builds the dense and paired correlation matrices', () => {
    expect(Array.from(denseCorrelation(1, 1, 0.5))).toEqual([1, 0.5, 0.5, 1]);
    expect(Array.from(pairedCorrelation(2, 1, 1, 0.3))).toEqual([1, 0, 0.3, 0, 1, 0, 0.3, 0, 1]);
    expect(thrownArgument(() => denseCorrelation(2, 2, -0.5))).toBe('offDiag');
    expect(thrownArgument(() => pairedCorrelation(1, 2, 2))).toBe('pairs');
  });
});
