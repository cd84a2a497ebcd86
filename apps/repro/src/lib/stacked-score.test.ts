import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { channelDigits, scoreStacked } from './stacked-score.js';
import { brightnessClassifier } from './test-classifier.js';

/** n Stacked-MNIST-shaped images whose channel c is the constant 2·(digit/9) − 1. */
function constantImages(triples: number[][]): Float32Array {
  const out = new Float32Array(triples.length * 784 * 3);
  triples.forEach((t, i) => {
    for (let p = 0; p < 784; p++) {
      for (let c = 0; c < 3; c++) out[(i * 784 + p) * 3 + c] = (2 * t[c]!) / 9 - 1;
    }
  });
  return out;
}

describe('Stacked-MNIST scoring', () => {
  it('classifies each channel on its own, in sample-major order', async () => {
    const model = brightnessClassifier();
    const triples = [
      [0, 5, 9],
      [3, 3, 1],
      [9, 0, 4],
    ];
    const labels = await channelDigits(model, constantImages(triples), 3);
    expect(Array.from(labels)).toEqual(triples.flat());
    model.dispose();
  });

  it('counts all 1,000 modes with KL 0, and a collapse onto 10 modes with KL log 100', async () => {
    const model = brightnessClassifier();
    const all = Array.from({ length: 1000 }, (_, m) => [
      Math.floor(m / 100),
      Math.floor(m / 10) % 10,
      m % 10,
    ]);
    const before = tf.memory().numTensors;
    const full = await scoreStacked(model, constantImages(all), 1000);
    expect(tf.memory().numTensors).toBe(before);
    expect(full.modes).toBe(1000);
    expect(full.kl).toBeCloseTo(0, 10);
    const ten = Array.from({ length: 200 }, (_, i) => [i % 10, 7, 7]);
    const collapsed = await scoreStacked(model, constantImages(ten), 200);
    expect(collapsed.modes).toBe(10);
    expect(collapsed.kl).toBeCloseTo(Math.log(100), 10);
    expect(collapsed.counts[377]).toBe(20);
    model.dispose();
  });

  it('names a wrong pixel count', async () => {
    const model = brightnessClassifier();
    await expect(channelDigits(model, new Float32Array(10), 1)).rejects.toThrow(/2352 values/);
    model.dispose();
  });
});
