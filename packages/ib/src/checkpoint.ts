import { assertArgument, decodeSnapshot, encodeSnapshot } from '@mine/core';
import type { IbCheckpoint } from './ib-trainer.js';

const MAGIC = 'MINEIB01';

/** An `IbCheckpoint` as bytes (core's snapshot format, magic "MINEIB01"), values bit for bit. */
export function encodeIbCheckpoint(checkpoint: IbCheckpoint): Uint8Array {
  return encodeSnapshot(MAGIC, checkpoint);
}

/** Decodes `encodeIbCheckpoint`'s bytes. */
export function decodeIbCheckpoint(bytes: Uint8Array): IbCheckpoint {
  const checkpoint = decodeSnapshot<IbCheckpoint>(bytes, MAGIC, '@mine/ib checkpoint');
  assertArgument(
    checkpoint.format === 'mine-ib-checkpoint' && checkpoint.version === 1,
    'checkpoint',
    () => `unsupported format ${checkpoint.format} v${checkpoint.version}`,
  );
  return checkpoint;
}
