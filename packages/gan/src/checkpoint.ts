import {
  assertArgument,
  MineError,
  type MiTermState,
  type SavedOptimizer,
  type SavedTensor,
} from '@mine/core';

/** Everything a `GanTrainer` needs to continue a run exactly, except the training data. */
export interface GanCheckpoint<Config = unknown> {
  readonly format: 'mine-gan-checkpoint';
  /** 2: the statistics network, its Adam and the moving average as one `MiTermState`. */
  readonly version: 2;
  /** The resolved trainer options (without the data). */
  readonly config: Config;
  /** Fingerprint of the training data (length and FNV-1a hash). */
  readonly data: string;
  /** Iterations done. Random draws are re-derived from (config.seed, step). */
  readonly step: number;
  /** Variables in each network's fixed order (generator: trainable, then batch-norm statistics). */
  readonly variables: {
    readonly generator: readonly SavedTensor[];
    readonly discriminator: readonly SavedTensor[];
  };
  readonly optimizers: {
    readonly generator: SavedOptimizer;
    readonly discriminator: SavedOptimizer;
  };
  /** The MI term (statistics network, its optimizer, moving average); null without one. */
  readonly statistics: MiTermState | null;
}

const MAGIC = 'MINEGAN1';

/**
 * Encodes a checkpoint as bytes: the 8-byte magic "MINEGAN1", a little-endian uint32 header
 * length, a JSON header, padding to 4 bytes, then every Float32Array's bytes. Values are stored
 * bit for bit (−Infinity and NaN included).
 */
export function encodeCheckpoint(checkpoint: GanCheckpoint): Uint8Array {
  const arrays: Float32Array[] = [];
  let offset = 0;
  const header = JSON.stringify(checkpoint, (_key, value: unknown) => {
    if (value instanceof Float32Array) {
      const ref = { $f32: [offset, value.length] };
      arrays.push(value);
      offset += value.length;
      return ref;
    }
    return value;
  });
  const headerBytes = new TextEncoder().encode(header);
  const start = align4(12 + headerBytes.length);
  const out = new Uint8Array(start + 4 * offset);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  const floats = new Float32Array(out.buffer, start, offset);
  let at = 0;
  for (const a of arrays) {
    floats.set(a, at);
    at += a.length;
  }
  return out;
}

/** Decodes `encodeCheckpoint`'s bytes. */
export function decodeCheckpoint<Config = unknown>(bytes: Uint8Array): GanCheckpoint<Config> {
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  if (bytes.length < 12 || magic !== MAGIC) {
    throw new MineError('Not a @mine/gan checkpoint (bad magic bytes).');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  const start = align4(12 + headerLength);
  const header = new TextDecoder().decode(bytes.subarray(12, 12 + headerLength));
  // Copy the payload so the floats are aligned whatever the input's byte offset.
  const payload = bytes.slice(start);
  if (payload.length % 4 !== 0) throw new MineError('Truncated @mine/gan checkpoint.');
  const floats = new Float32Array(payload.buffer, payload.byteOffset, payload.length / 4);
  const checkpoint = JSON.parse(header, (_key, value: unknown) => {
    if (isRef(value)) {
      const [from, length] = value.$f32;
      if (from + length > floats.length) throw new MineError('Truncated @mine/gan checkpoint.');
      return floats.slice(from, from + length);
    }
    return value;
  }) as GanCheckpoint<Config>;
  assertArgument(
    checkpoint.format === 'mine-gan-checkpoint' && checkpoint.version === 2,
    'checkpoint',
    () => `unsupported format ${checkpoint.format} v${checkpoint.version}`,
  );
  return checkpoint;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function isRef(value: unknown): value is { $f32: [number, number] } {
  return (
    typeof value === 'object' && value !== null && Array.isArray((value as { $f32?: unknown }).$f32)
  );
}
