import {
  assertArgument,
  decodeSnapshot,
  encodeSnapshot,
  type MiTermState,
  type SavedOptimizer,
  type SavedTensor,
} from '@mine/core';
import type { AliConfig } from './config.js';

/** Everything an `AliTrainer` needs to continue a run exactly, except the training images. */
export interface AliCheckpoint {
  readonly format: 'mine-ali-checkpoint';
  readonly version: 1;
  readonly config: AliConfig;
  /** Fingerprint of the training images (`imageSetFingerprint`). */
  readonly data: string;
  /** Iterations done; random draws are re-derived from (config.seed, step). */
  readonly step: number;
  /** Every variable of each network in its fixed order (trainable, then batch-norm averages). */
  readonly variables: {
    readonly encoder: readonly SavedTensor[];
    readonly decoder: readonly SavedTensor[];
    readonly discriminator: readonly SavedTensor[];
    /** ALICE(adv)'s discriminator of image pairs; null for the other models. */
    readonly reconstructionDiscriminator: readonly SavedTensor[] | null;
  };
  readonly optimizers: {
    /** Encoder and decoder. */
    readonly generator: SavedOptimizer;
    readonly discriminator: SavedOptimizer;
    readonly reconstructionDiscriminator: SavedOptimizer | null;
  };
  /** ALI+MINE's MI term (statistics network, its Adam, moving average); null otherwise. */
  readonly statistics: MiTermState | null;
}

const MAGIC = 'MINEALI1';

/** An `AliCheckpoint` as bytes (core's snapshot format, magic "MINEALI1"), values bit for bit. */
export function encodeAliCheckpoint(checkpoint: AliCheckpoint): Uint8Array {
  return encodeSnapshot(MAGIC, checkpoint);
}

/** Decodes `encodeAliCheckpoint`'s bytes. */
export function decodeAliCheckpoint(bytes: Uint8Array): AliCheckpoint {
  const checkpoint = decodeSnapshot<AliCheckpoint>(bytes, MAGIC, '@mine/ali checkpoint');
  assertArgument(
    checkpoint.format === 'mine-ali-checkpoint' && checkpoint.version === 1,
    'checkpoint',
    () => `unsupported format ${checkpoint.format} v${checkpoint.version}`,
  );
  return checkpoint;
}
