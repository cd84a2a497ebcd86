import { correlatedGaussianSample } from '@mine/core/testing';

/** Correlated Gaussians: x ~ N(0, I_d), z = ρx + √(1−ρ²)ε, columns x0..x(d-1), z0..z(d-1). */
export interface GaussianData {
  names: string[];
  /** Row-major [n, 2d]: x columns then z columns. */
  data: Float64Array;
  rows: number;
  cols: number;
  /** The true I(x; z) in nats: −d/2 · log(1 − ρ²). */
  mi: number;
}

export function correlatedGaussian(n: number, d: number, rho: number, seed = 1): GaussianData {
  const { x, z, mi } = correlatedGaussianSample(n, d, rho, seed);
  const cols = 2 * d;
  const data = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) {
    data.set(x.data.subarray(i * d, (i + 1) * d), i * cols);
    data.set(z.data.subarray(i * d, (i + 1) * d), i * cols + d);
  }
  const names = [
    ...Array.from({ length: d }, (_, j) => `x${j}`),
    ...Array.from({ length: d }, (_, j) => `z${j}`),
  ];
  return { names, data, rows: n, cols, mi };
}

/** Delimited text with an optional header row. */
export function toDelimited(g: GaussianData, delimiter = ',', header = true): string {
  const lines: string[] = header ? [g.names.join(delimiter)] : [];
  for (let i = 0; i < g.rows; i++) {
    lines.push(Array.from(g.data.subarray(i * g.cols, (i + 1) * g.cols)).join(delimiter));
  }
  return `${lines.join('\n')}\n`;
}

/** JSON Lines of objects keyed by column name, or of arrays. */
export function toJsonLines(g: GaussianData, as: 'objects' | 'arrays' = 'objects'): string {
  const lines: string[] = [];
  for (let i = 0; i < g.rows; i++) {
    const row = Array.from(g.data.subarray(i * g.cols, (i + 1) * g.cols));
    lines.push(
      JSON.stringify(
        as === 'arrays' ? row : Object.fromEntries(g.names.map((k, j) => [k, row[j]])),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
