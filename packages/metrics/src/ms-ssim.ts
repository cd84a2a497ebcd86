import { assertArgument } from '@mine/core/base';

export interface MsSsimOptions {
  /** Image height. @default 28 */
  height?: number;
  /** Image width. @default 28 */
  width?: number;
  /** Channels (interleaved, NHWC). @default 1 */
  channels?: number;
  /** max − min of the pixel scale: 2 for [−1, 1] images. @default 2 */
  dataRange?: number;
  /**
   * Weight of each scale, finest first. Default: Wang et al.'s (2003) first three weights
   * (0.0448, 0.2856, 0.3001) renormalised to sum to 1: three scales (28, 14, 7 px) are all a
   * 28-px image holds for a 7×7 window, where the usual five need >= 161 px.
   */
  weights?: readonly number[];
  /** Side of the Gaussian window. @default 7 */
  window?: number;
  /** Standard deviation of the Gaussian window. @default 1.5 (Wang et al.) */
  sigma?: number;
}

export interface MsSsim {
  /** Mean MS-SSIM over the pairs. */
  mean: number;
  /** MS-SSIM of each pair. */
  values: Float64Array;
}

const WANG_WEIGHTS = [0.0448, 0.2856, 0.3001];
const K1 = 0.01;
const K2 = 0.03;

/**
 * Multi-scale structural similarity (Wang, Simoncelli & Bovik, 2003) of image pairs, for small
 * images. At each scale j the contrast-structure term cs_j = (2σ_xy + C2) / (σ_x² + σ_y² + C2) is
 * averaged over the valid positions of a Gaussian window, and the luminance term
 * l = (2μ_xμ_y + C1) / (μ_x² + μ_y² + C1) is taken at the coarsest scale only:
 * MS-SSIM = l_M^{w_M} · Π_j cs_j^{w_j}, with C1 = (0.01·L)², C2 = (0.03·L)², L = dataRange.
 * Between scales the images are halved by 2×2 average pooling. Negative cs values (anti-
 * correlated structure) are clamped to 0 before the power, as fractional powers of negatives are
 * undefined. Channels are scored separately and averaged. 1 means identical images.
 *
 * `a` and `b` hold n images each, NHWC, row-major.
 */
export function msSsim(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: MsSsimOptions = {},
): MsSsim {
  const { height = 28, width = 28, channels = 1, dataRange = 2, window = 7, sigma = 1.5 } = options;
  const weights = normalise(options.weights ?? WANG_WEIGHTS);
  const size = height * width * channels;
  assertArgument(
    a.length > 0 && a.length % size === 0,
    'a',
    () => `must hold whole ${height}×${width}×${channels} images, got ${a.length} values`,
  );
  assertArgument(b.length === a.length, 'b', () => `has ${b.length} values but a has ${a.length}`);
  assertArgument(dataRange > 0, 'dataRange', () => `must be positive, got ${dataRange}`);
  assertArgument(
    Number.isInteger(window) && window >= 1,
    'window',
    () => `must be a positive integer, got ${window}`,
  );
  const coarsest = Math.min(height, width) / 2 ** (weights.length - 1);
  assertArgument(
    coarsest >= window,
    'weights',
    () =>
      `give ${weights.length} scales, so the coarsest is ${coarsest} px, smaller than the ${window}-px window`,
  );
  const kernel = gaussianWindow(window, sigma);
  const c1 = (K1 * dataRange) ** 2;
  const c2 = (K2 * dataRange) ** 2;
  const n = a.length / size;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (let c = 0; c < channels; c++) {
      let x = channel(a, i * size, height, width, channels, c);
      let y = channel(b, i * size, height, width, channels, c);
      let h = height;
      let w = width;
      let score = 1;
      for (let s = 0; s < weights.length; s++) {
        const { l, cs } = ssimTerms(x, y, h, w, kernel, window, c1, c2);
        const last = s === weights.length - 1;
        score *= Math.max(0, cs) ** weights[s]!;
        if (last) score *= Math.max(0, l) ** weights[s]!;
        else {
          x = halve(x, h, w);
          y = halve(y, h, w);
          h >>= 1;
          w >>= 1;
        }
      }
      total += score;
    }
    values[i] = total / channels;
  }
  let sum = 0;
  for (const v of values) sum += v;
  return { mean: sum / n, values };
}

function normalise(weights: readonly number[]): number[] {
  assertArgument(
    weights.length > 0 && weights.every((w) => Number.isFinite(w) && w >= 0),
    'weights',
    () => `must be finite non-negative numbers, got [${weights}]`,
  );
  const total = weights.reduce((s, w) => s + w, 0);
  assertArgument(total > 0, 'weights', () => 'must not all be 0');
  return weights.map((w) => w / total);
}

/** A normalised 2-D Gaussian window, row-major [size, size]. */
function gaussianWindow(size: number, sigma: number): Float64Array {
  const k = new Float64Array(size * size);
  const mid = (size - 1) / 2;
  let total = 0;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const v = Math.exp(-((r - mid) ** 2 + (c - mid) ** 2) / (2 * sigma * sigma));
      k[r * size + c] = v;
      total += v;
    }
  }
  for (let i = 0; i < k.length; i++) k[i]! /= total;
  return k;
}

function channel(
  data: ArrayLike<number>,
  offset: number,
  height: number,
  width: number,
  channels: number,
  c: number,
): Float64Array {
  const out = new Float64Array(height * width);
  for (let p = 0; p < out.length; p++) {
    const v = data[offset + p * channels + c]!;
    assertArgument(Number.isFinite(v), 'a', () => `holds a non-finite pixel (${v})`);
    out[p] = v;
  }
  return out;
}

/** Mean luminance and contrast-structure terms over the window's valid positions. */
function ssimTerms(
  x: Float64Array,
  y: Float64Array,
  height: number,
  width: number,
  kernel: Float64Array,
  size: number,
  c1: number,
  c2: number,
): { l: number; cs: number } {
  let lSum = 0;
  let csSum = 0;
  let count = 0;
  for (let r = 0; r + size <= height; r++) {
    for (let c = 0; c + size <= width; c++) {
      let mx = 0;
      let my = 0;
      let xx = 0;
      let yy = 0;
      let xy = 0;
      for (let i = 0; i < size; i++) {
        for (let j = 0; j < size; j++) {
          const k = kernel[i * size + j]!;
          const p = (r + i) * width + c + j;
          const u = x[p]!;
          const v = y[p]!;
          mx += k * u;
          my += k * v;
          xx += k * u * u;
          yy += k * v * v;
          xy += k * u * v;
        }
      }
      const vx = xx - mx * mx;
      const vy = yy - my * my;
      const cov = xy - mx * my;
      lSum += (2 * mx * my + c1) / (mx * mx + my * my + c1);
      csSum += (2 * cov + c2) / (vx + vy + c2);
      count++;
    }
  }
  return { l: lSum / count, cs: csSum / count };
}

/** 2×2 average pooling (an odd last row or column is dropped). */
function halve(x: Float64Array, height: number, width: number): Float64Array {
  const h = height >> 1;
  const w = width >> 1;
  const out = new Float64Array(h * w);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const p = 2 * r * width + 2 * c;
      out[r * w + c] = (x[p]! + x[p + 1]! + x[p + width]! + x[p + width + 1]!) / 4;
    }
  }
  return out;
}
