import {
  backend_util,
  type Conv2DBackpropInputAttrs,
  type DataId,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { free, runKernel, type WasmBackend } from './kernel-utils.js';
import { transposeLastTwo } from './transpose.js';

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
    const pairs = rows
      .filter(active)
      .flatMap((row) => cols.filter(active).map((col) => ({ row, col })));
    const subFilters = subFiltersFor(wasm, filter, pairs, sh, sw);
    let dx: TensorInfo | undefined;
    try {
      for (const [k, { row, col }] of pairs.entries()) {
        const y = correlate(wasm, dy, subFilters[k]!, row, col);
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
  subFilter: TensorInfo,
  row: Phase,
  col: Phase,
): TensorInfo {
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
}

/** The sub-filters of one filter's data for one phase layout, kept while that data lives. */
interface PreparedFilter {
  backend: WasmBackend;
  filter: DataId;
  layout: string;
  subFilters: TensorInfo[];
}

/**
 * Sub-filters made lately. tfjs never changes data once written (an optimizer step assigns new
 * data to a variable), so sub-filters stay right while their filter's data lives, and a filter
 * used again in one training iteration (a discriminator's real and fake passes, a generator
 * applied in both steps) reuses them, and with them the XNNPACK operators that Conv2D packed for
 * them (tfjs caches those by filter data). Making them costs ~15 ns per filter entry (the channel
 * swap, then tfjs's own transpose and XNNPACK's packing), ~50 ms for a 5x5x256x512 filter, half
 * of that layer's time. Entries go when their filter's data is freed (checked on every call) or
 * when more than MAX_PREPARED are kept.
 */
const prepared: PreparedFilter[] = [];
const MAX_PREPARED = 64;

function subFiltersFor(
  wasm: WasmBackend,
  filter: TensorInfo,
  pairs: { row: Phase; col: Phase }[],
  sh: number,
  sw: number,
): TensorInfo[] {
  dropFreed();
  const layout = JSON.stringify([
    sh,
    sw,
    pairs.map(({ row, col }) => [row.first, row.taps, col.first, col.taps]),
  ]);
  const hit = prepared.find(
    (p) => p.backend === wasm && p.filter === filter.dataId && p.layout === layout,
  );
  if (hit) return hit.subFilters;
  // The channel swap for all phases at once, tile by tile; each tap is then one block copy.
  const swapped = transposeLastTwo(wasm, filter, true);
  const subFilters: TensorInfo[] = [];
  try {
    for (const { row, col } of pairs)
      subFilters.push(flippedSubFilter(wasm, swapped, row, col, sh, sw));
  } catch (error) {
    free(wasm, ...subFilters);
    throw error;
  } finally {
    free(wasm, swapped);
  }
  prepared.push({ backend: wasm, filter: filter.dataId, layout, subFilters });
  if (prepared.length > MAX_PREPARED) release(prepared.shift()!);
  return subFilters;
}

/** Releases the entries whose filter data was freed since the last call. */
function dropFreed(): void {
  for (let i = prepared.length - 1; i >= 0; i--) {
    const entry = prepared[i]!;
    if (entry.backend.dataIdMap.has(entry.filter)) continue;
    prepared.splice(i, 1);
    release(entry);
  }
}

function release({ backend, subFilters }: PreparedFilter): void {
  // A backend removed since (tests re-create wasm) has already dropped its data.
  for (const sub of subFilters) if (backend.dataIdMap.has(sub.dataId)) free(backend, sub);
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
 * correlating dy with it sums dy[k + shift - j] · W[first + j·stride] over taps j. `swapped` is the
 * filter with its channel axes already swapped ([h, w, out, in]), so each tap is one block copy.
 */
function flippedSubFilter(
  wasm: WasmBackend,
  swapped: TensorInfo,
  row: Phase,
  col: Phase,
  sh: number,
  sw: number,
): TensorInfo {
  const [, filterWidth, outChannels, inChannels] = swapped.shape as [
    number,
    number,
    number,
    number,
  ];
  const block = inChannels * outChannels;
  const sub = wasm.makeOutput([row.taps, col.taps, outChannels, inChannels], 'float32');
  const w = wasm.typedArrayFromHeap(swapped) as Float32Array;
  const s = wasm.typedArrayFromHeap(sub) as Float32Array;
  let at = 0;
  for (let a = 0; a < row.taps; a++) {
    const r = row.first + (row.taps - 1 - a) * sh;
    for (let b = 0; b < col.taps; b++, at += block) {
      const c = col.first + (col.taps - 1 - b) * sw;
      const base = (r * filterWidth + c) * block;
      s.set(w.subarray(base, base + block), at);
    }
  }
  return sub;
}
