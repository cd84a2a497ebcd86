import { assertArgument, type Sampler } from '@mine/core/base';
import { additiveUniform } from './additive-uniform.js';
import { correlatedGaussians } from './correlated-gaussians.js';
import { gaussian } from './gaussian.js';
import { assertInteger } from './internal/validate.js';
import { studentT } from './student-t.js';
import {
  asinhTransform,
  halfCubeTransform,
  normalCdfTransform,
  spiralTransform,
  transformed,
  wigglyXTransform,
  wigglyZTransform,
} from './transforms.js';

/**
 * The (xDim + zDim)-square correlation matrix with every off-diagonal entry equal to `offDiag`
 * (bmi's "dense" multinormal). Flat, row-major.
 */
export function denseCorrelation(xDim: number, zDim: number, offDiag = 0.5): Float64Array {
  assertInteger(xDim, 'xDim');
  assertInteger(zDim, 'zDim');
  const total = xDim + zDim;
  assertArgument(
    offDiag > -1 / (total - 1) && offDiag < 1,
    'offDiag',
    () => `must lie in (-1/(D-1), 1) for a positive definite matrix, got ${offDiag}`,
  );
  const m = new Float64Array(total * total).fill(offDiag);
  for (let i = 0; i < total; i++) m[i * total + i] = 1;
  return m;
}

/**
 * The identity correlation matrix except corr(X_i, Z_i) = rho for i < pairs (bmi's "sparse"
 * multinormal has 2 pairs with correlation 0.8). Flat, row-major.
 */
export function pairedCorrelation(xDim: number, zDim: number, pairs = 2, rho = 0.8): Float64Array {
  assertInteger(xDim, 'xDim');
  assertInteger(zDim, 'zDim');
  assertInteger(pairs, 'pairs', 0);
  assertArgument(pairs <= Math.min(xDim, zDim), 'pairs', () => `must be <= min(xDim, zDim)`);
  assertArgument(rho > -1 && rho < 1, 'rho', () => `must lie in (-1, 1), got ${rho}`);
  const total = xDim + zDim;
  const m = new Float64Array(total * total);
  for (let i = 0; i < total; i++) m[i * total + i] = 1;
  for (let i = 0; i < pairs; i++) {
    m[i * total + xDim + i] = rho;
    m[(xDim + i) * total + i] = rho;
  }
  return m;
}

function multinormal(kind: 'dense' | 'sparse', dim: number): Sampler {
  const covariance =
    kind === 'dense' ? denseCorrelation(dim, dim, 0.5) : pairedCorrelation(dim, dim, 2, 0.8);
  return gaussian({ covariance, xDim: dim, name: `multinormal-${kind}-${dim}x${dim}` });
}

/**
 * A ground-truth suite in the spirit of "Beyond Normal" (Czyż et al., 2023; the bmi package):
 * 23 samplers whose true MI is known in closed form. Names are stable; see the README for the
 * list with MI values. Families:
 * - `binormal-*`, `correlated-gaussians-*`: Sec. 4.1 Gaussians, incl. high-MI tasks;
 * - `multinormal-dense-*` (all correlations 0.5) and `multinormal-sparse-*` (2 pairs at 0.8);
 * - MI-preserving bijections of those: `normal-cdf-*` (uniform margins), `half-cube-*`,
 *   `wiggly-*`, `spiral-*`, `asinh-*`;
 * - `student-t-dof{ν}-{m}x{n}`: multivariate t with identity dispersion (MI from the tails only);
 * - `additive-uniform-eps{ε}`: X ~ U(0,1), Z = X + U(−ε, ε);
 * - `independent-gaussian-3x3`: MI = 0.
 */
export function groundTruthSuite(): Sampler[] {
  const binormal = correlatedGaussians({ dim: 1, rho: 0.75, name: 'binormal-rho0.75' });
  const sparse5 = multinormal('sparse', 5);
  const student1 = studentT({ xDim: 1, zDim: 1, dof: 1 });
  return [
    binormal,
    transformed(binormal, { x: normalCdfTransform, z: normalCdfTransform }),
    transformed(binormal, { x: halfCubeTransform, z: halfCubeTransform }),
    transformed(binormal, { x: wigglyXTransform, z: wigglyZTransform }),
    correlatedGaussians({ dim: 1, rho: 0.99, name: 'binormal-rho0.99' }),
    correlatedGaussians({ dim: 5, rho: 0.9 }),
    correlatedGaussians({ dim: 20, rho: 0.5 }),
    additiveUniform({ epsilon: 0.1 }),
    additiveUniform({ epsilon: 0.75 }),
    multinormal('dense', 5),
    multinormal('dense', 25),
    sparse5,
    multinormal('sparse', 25),
    transformed(sparse5, { x: normalCdfTransform, z: normalCdfTransform }),
    transformed(sparse5, { x: halfCubeTransform, z: halfCubeTransform }),
    transformed(sparse5, { x: spiralTransform(), z: spiralTransform() }),
    student1,
    transformed(student1, { x: asinhTransform, z: asinhTransform }),
    studentT({ xDim: 2, zDim: 2, dof: 1 }),
    studentT({ xDim: 2, zDim: 2, dof: 2 }),
    studentT({ xDim: 2, zDim: 2, dof: 5 }),
    transformed(studentT({ xDim: 3, zDim: 3, dof: 2 }), { x: asinhTransform, z: asinhTransform }),
    gaussian({ covariance: pairedCorrelation(3, 3, 0), xDim: 3, name: 'independent-gaussian-3x3' }),
  ];
}

/** One task of {@link groundTruthSuite} by name; InvalidArgumentError naming the known ones. */
export function groundTruthTask(name: string): Sampler {
  const suite = groundTruthSuite();
  const task = suite.find((t) => t.name === name);
  assertArgument(
    task !== undefined,
    'name',
    () => `unknown task "${name}"; known: ${suite.map((t) => t.name).join(', ')}`,
  );
  return task;
}
