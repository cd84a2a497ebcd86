import { createRng } from '@mine/core';

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
  const rng = createRng(seed);
  const cols = 2 * d;
  const data = new Float64Array(n * cols);
  const s = Math.sqrt(1 - rho * rho);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const x = rng.normal();
      data[i * cols + j] = x;
      data[i * cols + d + j] = rho * x + s * rng.normal();
    }
  }
  const names = [
    ...Array.from({ length: d }, (_, j) => `x${j}`),
    ...Array.from({ length: d }, (_, j) => `z${j}`),
  ];
  return { names, data, rows: n, cols, mi: (-d / 2) * Math.log(1 - rho * rho) };
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
