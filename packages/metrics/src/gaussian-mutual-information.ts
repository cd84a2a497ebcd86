import { assertArgument, type MatrixInput, toMatrix } from '@mine/core/base';
import { gaussianMiFromCovariance } from '@mine/core/math';

/**
 * Closed-form mutual information (nats) between the two blocks of a jointly Gaussian vector
 * (x, z) with covariance Σ, x being the first `xDim` coordinates:
 *
 *   I(x; z) = ½ log(det Σxx · det Σzz / det Σ),
 *
 * computed from Cholesky log-determinants. For componentwise correlation ρ between d pairs this is
 * −d/2 · log(1 − ρ²), the ground truth of the paper's Fig. 1.
 *
 * Throws InvalidArgumentError naming `covariance` when it is not square, not symmetric or not
 * positive definite, and naming `xDim` unless 1 ≤ xDim < d.
 */
export function gaussianMutualInformation(covariance: MatrixInput, xDim: number): number {
  const { data, rows, cols } = toMatrix(covariance, 'covariance');
  assertArgument(rows === cols, 'covariance', () => `must be square, got ${rows}x${cols}`);
  const d = rows;
  assertArgument(
    Number.isInteger(xDim) && xDim >= 1 && xDim < d,
    'xDim',
    () => `must be an integer in [1, ${d - 1}] for a ${d}x${d} covariance, got ${xDim}`,
  );
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const a = data[i * d + j]!;
      const b = data[j * d + i]!;
      const scale = Math.sqrt(Math.abs(data[i * d + i]! * data[j * d + j]!));
      assertArgument(
        Math.abs(a - b) <= 1e-9 * scale,
        'covariance',
        () => `must be symmetric: entry (${i}, ${j}) is ${a} but (${j}, ${i}) is ${b}`,
      );
    }
  }
  const mi = gaussianMiFromCovariance(data, d, xDim);
  assertArgument(
    !Number.isNaN(mi),
    'covariance',
    () => 'is not positive definite (its Cholesky factorisation failed)',
  );
  return mi;
}
