// Helpers for the kernel-fix tests: run the same computation on the cpu backend (the reference)
// and on wasm, from the same seeded data, and compare relative to the output's scale.
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../random.js';
import { selectBackend } from '../select-backend.js';

/** Seeded standard-normal values. */
export function normals(size: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: size }, () => rng.normal());
}

/** A seeded standard-normal tensor; create it inside the function passed to `onBothBackends`. */
export function randomTensor(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(normals(tf.util.sizeFromShape(shape), seed), shape);
}

export interface Outputs {
  shapes: number[][];
  values: Float32Array[];
}

async function run(backend: 'cpu' | 'wasm', f: () => tf.Tensor | tf.Tensor[]): Promise<Outputs> {
  await selectBackend(backend, { quiet: true });
  const outputs = tf.tidy(f);
  const list = Array.isArray(outputs) ? outputs : [outputs];
  const result = {
    shapes: list.map((t) => t.shape),
    values: list.map((t) => Float32Array.from(t.dataSync())),
  };
  tf.dispose(list);
  return result;
}

/** Runs `f` on cpu, then on wasm (left active), and returns both results. */
export async function onBothBackends(
  f: () => tf.Tensor | tf.Tensor[],
): Promise<{ cpu: Outputs; wasm: Outputs }> {
  try {
    const cpu = await run('cpu', f);
    const wasm = await run('wasm', f);
    return { cpu, wasm };
  } finally {
    await selectBackend('wasm', { quiet: true });
  }
}

/** max |wasm - cpu| / max |cpu| (absolute error when the output is all zeros). */
export function relativeError(cpu: Float32Array, wasm: Float32Array): number {
  let scale = 0;
  let error = 0;
  for (let i = 0; i < cpu.length; i++) {
    scale = Math.max(scale, Math.abs(cpu[i]!));
    error = Math.max(error, Math.abs(cpu[i]! - wasm[i]!));
  }
  return scale > 0 ? error / scale : error;
}

/** The worst relative error over all outputs; Infinity when shapes differ. */
export function worstError({ cpu, wasm }: { cpu: Outputs; wasm: Outputs }): number {
  let worst = 0;
  for (let k = 0; k < cpu.values.length; k++) {
    if (String(cpu.shapes[k]) !== String(wasm.shapes[k])) return Number.POSITIVE_INFINITY;
    worst = Math.max(worst, relativeError(cpu.values[k]!, wasm.values[k]!));
  }
  return worst;
}

/** Tensors and backend data ids now alive: both must stay flat across repeated kernel calls. */
export function liveCounts(): { tensors: number; dataIds: number } {
  return { tensors: tf.memory().numTensors, dataIds: tf.engine().backend.numDataIds() };
}

export interface ConvCase {
  /** NHWC input shape. */
  x: [number, number, number, number];
  /** Filter height and width. */
  filter: [number, number];
  outChannels: number;
  strides: number | [number, number];
  pad: 'same' | 'valid' | number | [[0, 0], [number, number], [number, number], [0, 0]];
}

/** Strides 1-2, 'same'/'valid'/numeric/explicit padding, odd and even sizes, 1x1 to 5x5 filters. */
export const CONV_CASES: ConvCase[] = [
  { x: [2, 7, 7, 3], filter: [3, 3], outChannels: 4, strides: 1, pad: 'same' },
  { x: [2, 7, 7, 3], filter: [3, 3], outChannels: 4, strides: 1, pad: 'valid' },
  { x: [2, 8, 9, 3], filter: [5, 5], outChannels: 6, strides: 2, pad: 'same' },
  { x: [2, 8, 9, 3], filter: [5, 5], outChannels: 6, strides: 2, pad: 'valid' },
  { x: [3, 28, 28, 3], filter: [5, 5], outChannels: 8, strides: 2, pad: 'same' },
  { x: [2, 14, 14, 8], filter: [5, 5], outChannels: 16, strides: 2, pad: 'same' },
  { x: [1, 6, 5, 2], filter: [1, 1], outChannels: 3, strides: 2, pad: 'same' },
  { x: [2, 9, 7, 5], filter: [4, 2], outChannels: 3, strides: [2, 1], pad: 'valid' },
  { x: [2, 10, 10, 3], filter: [3, 3], outChannels: 2, strides: 2, pad: 'valid' },
  { x: [2, 11, 13, 4], filter: [2, 2], outChannels: 5, strides: 2, pad: 'same' },
  { x: [2, 6, 6, 3], filter: [3, 3], outChannels: 4, strides: 1, pad: 1 },
  {
    x: [2, 7, 8, 3],
    filter: [3, 3],
    outChannels: 2,
    strides: 2,
    pad: [
      [0, 0],
      [1, 2],
      [0, 1],
      [0, 0],
    ],
  },
  { x: [1, 5, 5, 1], filter: [5, 5], outChannels: 1, strides: 1, pad: 'valid' },
  // Padding wider than the filter: output rows that see only padding.
  { x: [2, 5, 6, 3], filter: [2, 2], outChannels: 3, strides: 1, pad: 3 },
  {
    x: [2, 6, 7, 2],
    filter: [1, 3],
    outChannels: 3,
    strides: 2,
    pad: [
      [0, 0],
      [3, 0],
      [4, 3],
      [0, 0],
    ],
  },
];

export function describeCase({ x, filter, outChannels, strides, pad }: ConvCase): string {
  const size = `${filter.join('x')}x${outChannels}`;
  return `x=[${x}] filter=${size} strides=${strides} pad=${JSON.stringify(pad)}`;
}

/** The filter shape [fh, fw, in, out] and the forward output (dy) shape of a case. */
export function convShapes(c: ConvCase): {
  filter: [number, number, number, number];
  dy: [number, number, number, number];
} {
  const filter: [number, number, number, number] = [...c.filter, c.x[3], c.outChannels];
  const info = tf.backend_util.computeConv2DInfo(c.x, filter, c.strides, 1, c.pad);
  return { filter, dy: info.outShape };
}
