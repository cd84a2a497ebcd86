import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint, type GanCheckpoint } from './checkpoint.js';

const tensor = (...values: number[]) => ({
  shape: [values.length],
  values: Float32Array.from(values),
});

const checkpoint: GanCheckpoint<{ seed: number }> = {
  format: 'mine-gan-checkpoint',
  version: 2,
  config: { seed: 3 },
  data: '6:abcdef01',
  step: 7,
  variables: { generator: [tensor(1, 2, 3)], discriminator: [tensor(0.1)] },
  optimizers: {
    generator: { iterations: 7, slots: [{ name: '1/m', ...tensor(Number.NaN, 5) }], powers: null },
    discriminator: { iterations: 7, slots: [], powers: Float32Array.from([0.5, 0.999]) },
  },
  statistics: {
    format: 'mine-mi-term',
    version: 1,
    step: 7,
    critic: [tensor(4, 5)],
    optimizer: { iterations: 7, slots: [], powers: null },
    ema: { logEma: Float32Array.from([Number.NEGATIVE_INFINITY]), count: 0 },
  },
};

describe('checkpoint encoding', () => {
  it('round-trips bit for bit, including -Infinity and NaN', () => {
    const bytes = encodeCheckpoint(checkpoint);
    // Decoding from an odd byte offset must not depend on alignment.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const back = decodeCheckpoint<{ seed: number }>(shifted.subarray(1));
    expect(back).toEqual(checkpoint);
    expect(back.statistics!.ema.logEma[0]).toBe(Number.NEGATIVE_INFINITY);
    expect(back.variables.generator[0]!.values).toBeInstanceOf(Float32Array);
  });

  it('rejects other bytes', () => {
    expect(() => decodeCheckpoint(new TextEncoder().encode('{"format":"x"}'))).toThrow(/magic/);
    const bytes = encodeCheckpoint(checkpoint);
    expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 4))).toThrow(/Truncated/);
  });
});
