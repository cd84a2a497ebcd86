import { columnScale, type Matrix } from '../matrix.js';
import type { Transform } from './options.js';

/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/**
 * Applies a marginal transform column by column into a new Float32Array. Every transform is
 * invertible per column (rank: for data without ties), so the MI is unchanged.
 * - standardize: zero mean, unit variance
 * - rank: normal scores Φ⁻¹((rank − ½)/n), ties share their average rank
 */
export function transformColumns(m: Matrix, transform: Transform): Float32Array {
  const { data, rows, cols } = m;
  const out = new Float32Array(rows * cols);
  const column = new Float64Array(rows);
  const order = new Int32Array(rows);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) column[i] = data[i * cols + j]!;
    if (transform === 'none') {
      for (let i = 0; i < rows; i++) out[i * cols + j] = column[i]!;
    } else if (transform === 'standardize') {
      // In units of a power of two near the largest |value|: no sum overflows or underflows.
      const { unit, mean, sd } = columnScale(column, rows, 1, 0);
      const spread = sd || 1;
      for (let i = 0; i < rows; i++) out[i * cols + j] = (column[i]! / unit - mean) / spread;
    } else {
      for (let i = 0; i < rows; i++) order[i] = i;
      order.sort((p, q) => column[p]! - column[q]!);
      let start = 0;
      while (start < rows) {
        let end = start + 1;
        while (end < rows && column[order[end]!] === column[order[start]!]) end++;
        const score = normalQuantile((0.5 * (start + end - 1) + 0.5) / rows);
        for (let k = start; k < end; k++) out[order[k]! * cols + j] = score;
        start = end;
      }
    }
  }
  return out;
}
