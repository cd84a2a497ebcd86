import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import { parseBackendName, selectBackend } from './select-backend.js';

describe('selectBackend', () => {
  it('auto picks wasm when tfjs-node is absent, and says so', async () => {
    const messages: string[] = [];
    const name = await selectBackend('auto', { log: (m) => messages.push(m) });
    expect(name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(messages).toEqual(['[mine] backend: wasm (auto, 1 thread)']);
  });

  it('switches to cpu and back', async () => {
    expect(await selectBackend('cpu', { quiet: true })).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(await selectBackend('wasm', { quiet: true })).toBe('wasm');
  });

  it('registers gradients so training works', async () => {
    await selectBackend('wasm', { quiet: true });
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.square(x)))(tf.tensor1d([1, 2]));
    expect(Array.from(await g.data())).toEqual([2, 4]);
  });

  it('names the package to install for a missing backend', async () => {
    await expect(selectBackend('tensorflow', { quiet: true })).rejects.toThrow(
      /npm i @tensorflow\/tfjs-node@4\.22\.0/,
    );
  });

  it('rejects unknown names, listing the choices', () => {
    expect(() => parseBackendName('gpu')).toThrow(InvalidArgumentError);
    expect(() => parseBackendName('gpu')).toThrow(
      /Should be one of: auto, tensorflow, webgpu, wasm, cpu/,
    );
  });
});
