import { assertArgument } from '@mine/core/base';
import { klFromCounts } from './kl-from-counts.js';

export interface StackedModesOptions {
  /** Digits stacked per sample (RGB channels). @default 3 */
  channels?: number;
  /** Classes per digit. @default 10 */
  classes?: number;
}

export interface StackedModes {
  /** Distinct label tuples seen (of classes^channels possible). */
  modes: number;
  /** classes^channels: 1,000 for Stacked MNIST. */
  possibleModes: number;
  /**
   * KL(p ‖ uniform) in nats of the tuple histogram p over all possible modes, Table 1's KL:
   * Σ p log(p · possibleModes) = log(possibleModes) − H(p).
   */
  kl: number;
  /** Samples scored. */
  n: number;
  /** Samples per mode, the tuple (l_0, …, l_{c−1}) at index Σ l_j · classes^(c−1−j). */
  counts: Uint32Array;
}

/**
 * Mode counting on Stacked MNIST (Sec. 5.1, Table 1, after VEEGAN and PacGAN): a classifier
 * labels each channel of a generated sample; the sample's mode is the tuple of its labels, so 3
 * channels of 10 digits give 1,000 modes. Returns how many modes were seen and the KL divergence
 * of the mode histogram to the uniform distribution over all modes.
 *
 * `labels` holds one label per channel per sample, sample-major: [s0c0, s0c1, s0c2, s1c0, …].
 */
export function stackedModes(
  labels: ArrayLike<number>,
  options: StackedModesOptions = {},
): StackedModes {
  const { channels = 3, classes = 10 } = options;
  assertArgument(
    Number.isInteger(channels) && channels >= 1 && channels <= 6,
    'channels',
    () => `must be an integer in [1, 6], got ${channels}`,
  );
  assertArgument(
    Number.isInteger(classes) && classes >= 2 && classes <= 100,
    'classes',
    () => `must be an integer in [2, 100], got ${classes}`,
  );
  const possibleModes = classes ** channels;
  assertArgument(
    possibleModes <= 1e7,
    'channels',
    () => `gives ${possibleModes} modes (classes^channels); at most 1e7 are counted`,
  );
  assertArgument(
    labels.length > 0 && labels.length % channels === 0,
    'labels',
    () =>
      `must hold ${channels} labels per sample (a non-empty multiple of ${channels}), got ${labels.length}`,
  );
  const n = labels.length / channels;
  const counts = new Uint32Array(possibleModes);
  for (let i = 0; i < n; i++) {
    let mode = 0;
    for (let c = 0; c < channels; c++) {
      const label = labels[i * channels + c]!;
      assertArgument(
        Number.isInteger(label) && label >= 0 && label < classes,
        'labels',
        () => `entry ${i * channels + c} is ${label}; labels must be integers in [0, ${classes})`,
      );
      mode = mode * classes + label;
    }
    counts[mode]!++;
  }
  let modes = 0;
  for (let m = 0; m < possibleModes; m++) if (counts[m]! > 0) modes++;
  return { modes, possibleModes, kl: klFromCounts(counts), n, counts };
}
