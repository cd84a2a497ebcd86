import { describe, expect, it } from 'vitest';
import { LINEAR_DEPENDENCE_BELOW, linearDependence } from './linear-dependence.js';
import { correlatedGaussians } from './test-helpers.js';

const columns = (n: number, ...cols: Float64Array[]) => {
  const data = new Float64Array(n * cols.length);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < cols.length; j++) data[i * cols.length + j] = cols[j]![i]!;
  return { data, shape: [n, cols.length] as [number, number] };
};

describe('linearDependence', () => {
  const n = 800;
  const { x, z } = correlatedGaussians(n, 2, 0.7, 6);
  const col = (m: typeof x, j: number) =>
    Float64Array.from({ length: n }, (_, i) => m.data[i * 2 + j]!);
  const [x0, x1] = [col(x, 0), col(x, 1)];
  const [z0] = [col(z, 0)];

  it('finds none in correlated Gaussians', () => {
    expect(linearDependence(x, z)).toBeUndefined();
  });

  it('names a z column that is a linear function of x, at any scale', () => {
    const sum = x0.map((v, i) => 1e300 * (v - 2 * x1[i]!));
    expect(linearDependence(x, columns(n, z0, sum))).toEqual({
      kind: 'xz',
      column: 1,
      residual: expect.any(Number),
    });
    expect(linearDependence(x, columns(n, z0, sum))!.residual).toBeLessThan(
      LINEAR_DEPENDENCE_BELOW,
    );
  });

  it('tells dependence within x or within z apart from dependence across', () => {
    expect(
      linearDependence(
        columns(
          n,
          x0,
          x0.map((v) => -2 * v),
        ),
        z,
      ),
    ).toMatchObject({
      kind: 'x',
      column: 1,
    });
    expect(
      linearDependence(
        x,
        columns(
          n,
          z0,
          z0.map((v) => v + 5),
        ),
      ),
    ).toMatchObject({
      kind: 'z',
      column: 1,
    });
  });
});
