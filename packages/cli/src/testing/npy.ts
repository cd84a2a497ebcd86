/** Writes a 2-D array as .npy (format 1.0, C order, little endian): a test helper. */
export function encodeNpy(
  data: Float32Array | Float64Array,
  shape: readonly number[],
  options: { descr?: string; fortranOrder?: boolean; version?: 1 | 2 } = {},
): Uint8Array {
  const descr = options.descr ?? (data instanceof Float32Array ? '<f4' : '<f8');
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${descr}', 'fortran_order': ${options.fortranOrder ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const version = options.version ?? 1;
  const prefix = version === 1 ? 10 : 12;
  const padded = Math.ceil((prefix + dict.length + 1) / 64) * 64;
  const header = dict.padEnd(padded - prefix - 1, ' ') + '\n';
  const out = new Uint8Array(padded + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[prefix + i] = header.charCodeAt(i);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), padded);
  return out;
}
