import {
  assertArgument,
  decodeSnapshot,
  encodeSnapshot,
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
 * Encodes a checkpoint as bytes: core's snapshot format (`encodeSnapshot`) under the 8-byte magic
 * "MINEGAN1": values are stored bit for bit (−Infinity and NaN included).
 */
export function encodeCheckpoint(checkpoint: GanCheckpoint): Uint8Array {
  return encodeSnapshot(MAGIC, checkpoint);
}

/** Decodes `encodeCheckpoint`'s bytes. */
export function decodeCheckpoint<Config = unknown>(bytes: Uint8Array): GanCheckpoint<Config> {
  const checkpoint = decodeSnapshot<GanCheckpoint<Config>>(bytes, MAGIC, '@mine/gan checkpoint');
  assertArgument(
    checkpoint.format === 'mine-gan-checkpoint' && checkpoint.version === 2,
    'checkpoint',
    () => `unsupported format ${checkpoint.format} v${checkpoint.version}`,
  );
  return checkpoint;
}
