import { MineError } from '../errors.js';

/**
 * Encodes a checkpoint object (JSON values and Float32Arrays) as bytes: an 8-byte ASCII `magic`,
 * a little-endian uint32 header length, the JSON header, padding to 4 bytes, then every
 * Float32Array's bytes. Values are stored bit for bit (−Infinity and NaN included).
 */
export function encodeSnapshot(magic: string, value: unknown): Uint8Array {
  assertMagic(magic);
  const arrays: Float32Array[] = [];
  let offset = 0;
  const header = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Float32Array) {
      const ref = { $f32: [offset, v.length] };
      arrays.push(v);
      offset += v.length;
      return ref;
    }
    return v;
  });
  const headerBytes = new TextEncoder().encode(header);
  const start = align4(12 + headerBytes.length);
  const out = new Uint8Array(start + 4 * offset);
  out.set(new TextEncoder().encode(magic), 0);
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

/** Decodes `encodeSnapshot`'s bytes; `what` names the format in errors. */
export function decodeSnapshot<T>(bytes: Uint8Array, magic: string, what: string): T {
  assertMagic(magic);
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== magic) {
    throw new MineError(`Not a ${what} (bad magic bytes).`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  const start = align4(12 + headerLength);
  if (bytes.length < start) throw new MineError(`Truncated ${what}.`);
  const header = new TextDecoder().decode(bytes.subarray(12, 12 + headerLength));
  // Copy the payload so the floats are aligned whatever the input's byte offset.
  const payload = bytes.slice(start);
  if (payload.length % 4 !== 0) throw new MineError(`Truncated ${what}.`);
  const floats = new Float32Array(payload.buffer, payload.byteOffset, payload.length / 4);
  let parsed: T;
  try {
    parsed = JSON.parse(header, (_key, v: unknown) => {
      if (isRef(v)) {
        const [from, length] = v.$f32;
        if (from + length > floats.length) throw new MineError(`Truncated ${what}.`);
        return floats.slice(from, from + length);
      }
      return v;
    }) as T;
  } catch (error) {
    if (MineError.isInstance(error)) throw error;
    throw new MineError(`Corrupt ${what} header (${(error as Error).message}).`);
  }
  return parsed;
}

function assertMagic(magic: string): void {
  if (!/^[\x20-\x7e]{8}$/.test(magic))
    throw new MineError(`snapshot magic must be 8 ASCII characters, got "${magic}"`);
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function isRef(value: unknown): value is { $f32: [number, number] } {
  return (
    typeof value === 'object' && value !== null && Array.isArray((value as { $f32?: unknown }).$f32)
  );
}
