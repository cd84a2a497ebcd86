import { columnScale, createRng } from '@mine/core/base';

/**
 * Adds seeded uniform noise in ±noise·sd_j to every value of column j of a row-major [n, d]
 * matrix, in place, where sd_j is the column's standard deviation (constant columns are left
 * alone). With the default noise of 1e-10 this changes no distance materially but breaks exact
 * ties, which the KSG counts (strict inequalities) are sensitive to on discrete-valued data.
 */
export function addJitter(
  data: Float64Array,
  n: number,
  d: number,
  noise: number,
  seed: number,
): void {
  if (noise === 0) return;
  const scale = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    // columnScale centres and scales before the sum of squares: finite at any magnitude.
    const { unit, sd } = columnScale(data, n, d, j);
    scale[j] = noise * sd * unit;
  }
  const rng = createRng(seed);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) data[i * d + j]! += scale[j]! * (2 * rng.next() - 1);
  }
}
