import {
  backend_util,
  type Conv2DBackpropInputAttrs,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { free, runKernel, type WasmBackend } from './kernel-utils.js';

/**
 * Wraps wasm's Conv2DBackpropInput (also the forward pass of conv2dTranspose), whose 4.22.0 kernel
 * is a plain C++ loop ~8x slower than the forward Conv2D of equal cost. For NHWC we compute it with
 * the fast Conv2D instead, one convolution per output phase (the stride's sub-pixel grid):
 *
 *   dx[n, y, x, i] = Σ dy[n, p, q, o] · W[r, c, i, o]  over  p·sh + r - top = y, q·sw + c - left = x
 *
 * For output rows y ≡ ry (mod sh) only the filter rows r ≡ (ry + top) (mod sh) contribute, and they
 * meet consecutive dy rows, so each phase is a stride-1 correlation of dy with that sub-filter,
 * spatially flipped and with in/out channels swapped. No zero-stuffing, so no wasted work; the
 * phases are interleaved into dx by a strided copy on the heap. NCHW falls back to the original.
 */
export function fastConv2DBackpropInput(original: KernelFunc): KernelFunc {
  return (args) => {
    const attrs = args.attrs as unknown as Conv2DBackpropInputAttrs;
    if (attrs.dataFormat === 'NCHW') return original(args);
    const wasm = args.backend as WasmBackend;
    const dy = args.inputs.dy as TensorInfo;
    const filter = args.inputs.filter as TensorInfo;
    const info = backend_util.computeConv2DInfo(
      attrs.inputShape,
      filter.shape as [number, number, number, number],
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
      false,
      'channelsLast',
    );
    const { inHeight, inWidth, outHeight, outWidth } = info;
    const sh = info.strideHeight;
    const sw = info.strideWidth;
    const rows = phases(sh, info.filterHeight, info.padInfo.top, inHeight, outHeight);
    const cols = phases(sw, info.filterWidth, info.padInfo.left, inWidth, outWidth);

    const active = (p: Phase) => p.taps > 0 && p.count > 0;
    let dx: TensorInfo | undefined;
    try {
      for (const row of rows.filter(active)) {
        for (const col of cols.filter(active)) {
          const y = correlate(wasm, dy, filter, row, col, sh, sw);
          // Stride 1 and nothing to crop: the one correlation is dx itself.
          const [, yHeight, yWidth] = y.shape as [number, number, number, number];
          if (
            sh * sw === 1 &&
            row.skip + col.skip === 0 &&
            yHeight === inHeight &&
            yWidth === inWidth
          )
            return y;
          if (!dx) {
            dx = wasm.makeOutput(info.inShape, 'float32');
            if (!rows.every(active) || !cols.every(active)) wasm.typedArrayFromHeap(dx).fill(0);
          }
          interleave(wasm, y, dx, row, col, info);
          free(wasm, y);
        }
      }
    } catch (error) {
      if (dx) free(wasm, dx);
      throw error;
    }
    if (dx) return dx;
    // No filter tap reaches any output position (filter smaller than the stride): all zeros.
    const zeros = wasm.makeOutput(info.inShape, 'float32');
    wasm.typedArrayFromHeap(zeros).fill(0);
    return zeros;
  };
}

/** Copies one phase's correlation `y` to its positions (every stride-th row and column) in dx. */
function interleave(
  wasm: WasmBackend,
  y: TensorInfo,
  dx: TensorInfo,
  row: Phase,
  col: Phase,
  info: backend_util.Conv2DInfo,
): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, strideHeight, strideWidth } = info;
  const [, yHeight, yWidth] = y.shape as [number, number, number, number];
  // Views after every allocation: heap growth detaches older views. One view of the whole heap
  // lets block copies run as copyWithin, which allocates nothing (a subarray per pixel did).
  const out = wasm.typedArrayFromHeap(dx) as Float32Array;
  const heap = new Float32Array(out.buffer);
  const src = (wasm.typedArrayFromHeap(y) as Float32Array).byteOffset / 4;
  const dst = out.byteOffset / 4;
  const step = strideWidth * channels;
  for (let n = 0; n < batchSize; n++) {
    for (let p = 0; p < row.count; p++) {
      let from = src + ((n * yHeight + row.skip + p) * yWidth + col.skip) * channels;
      let to =
        dst + ((n * inHeight + p * strideHeight + row.phase) * inWidth + col.phase) * channels;
      for (let q = 0; q < col.count; q++, from += channels, to += step) {
        // Block copies pay off from ~16 channels up; below, a plain loop is faster.
        if (channels >= 16) heap.copyWithin(to, from, from + channels);
        else for (let i = 0; i < channels; i++) heap[to + i] = heap[from + i]!;
      }
    }
  }
}

/** Stride-1 correlation of dy with the phase's flipped sub-filter (Conv2D on the XNNPACK path). */
function correlate(
  wasm: WasmBackend,
  dy: TensorInfo,
  filter: TensorInfo,
  row: Phase,
  col: Phase,
  sh: number,
  sw: number,
): TensorInfo {
  const subFilter = flippedSubFilter(wasm, filter, row, col, sh, sw);
  try {
    return runKernel(
      'Conv2D',
      wasm,
      { x: dy, filter: subFilter },
      {
        strides: [1, 1],
        pad: [
          [0, 0],
          [row.padBefore, row.padAfter],
          [col.padBefore, col.padAfter],
          [0, 0],
        ],
        dataFormat: 'NHWC',
        dilations: [1, 1],
      },
    );
  } finally {
    free(wasm, subFilter);
  }
}

/** One output phase along one spatial axis. */
interface Phase {
  /** Output positions phase, phase + stride, ... */
  phase: number;
  /** How many output positions the phase has. */
  count: number;
  /** First filter tap of the phase; its taps are first, first + stride, ... */
  first: number;
  /** How many filter taps the phase has (0: the phase receives nothing). */
  taps: number;
  /** Zero padding of dy before / after for the stride-1 correlation. */
  padBefore: number;
  padAfter: number;
  /** Leading rows of the correlation's output to skip (when dy needs cropping, not padding). */
  skip: number;
}

function phases(
  stride: number,
  filterSize: number,
  padStart: number,
  inSize: number,
  outSize: number,
): Phase[] {
  const result: Phase[] = [];
  for (let phase = 0; phase < stride; phase++) {
    const first = (phase + padStart) % stride;
    const taps = Math.max(0, Math.ceil((filterSize - first) / stride));
    const count = Math.max(0, Math.ceil((inSize - phase) / stride));
    // Output position k of this phase reads dy positions k + shift - taps + 1 ... k + shift.
    const shift = Math.floor((phase + padStart) / stride);
    const lead = taps - 1 - shift;
    result.push({
      phase,
      count,
      first,
      taps,
      padBefore: Math.max(0, lead),
      padAfter: Math.max(0, count + shift - outSize),
      skip: Math.max(0, -lead),
    });
  }
  return result;
}

/**
 * The phase's filter taps, reversed in both spatial axes, as [rows, cols, outChannels, inChannels]:
 * correlating dy with it sums dy[k + shift - j] · W[first + j·stride] over taps j.
 */
function flippedSubFilter(
  wasm: WasmBackend,
  filter: TensorInfo,
  row: Phase,
  col: Phase,
  sh: number,
  sw: number,
): TensorInfo {
  const [, filterWidth, inChannels, outChannels] = filter.shape as [number, number, number, number];
  const sub = wasm.makeOutput([row.taps, col.taps, outChannels, inChannels], 'float32');
  const w = wasm.typedArrayFromHeap(filter);
  const s = wasm.typedArrayFromHeap(sub);
  let at = 0;
  for (let a = 0; a < row.taps; a++) {
    const r = row.first + (row.taps - 1 - a) * sh;
    for (let b = 0; b < col.taps; b++) {
      const c = col.first + (col.taps - 1 - b) * sw;
      const base = (r * filterWidth + c) * inChannels * outChannels;
      for (let o = 0; o < outChannels; o++) {
        for (let i = 0; i < inChannels; i++) s[at++] = w[base + i * outChannels + o]!;
      }
    }
  }
  return sub;
}
