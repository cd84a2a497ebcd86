import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';
import { registerWasmKernelFixes } from './index.js';
import { isOurKernel } from './kernel-utils.js';

const FIXED = [
  'BatchMatMul',
  '_FusedMatMul',
  'Conv2DBackpropInput',
  'Conv2DBackpropFilter',
  'UnsortedSegmentSum',
];

describe('registerWasmKernelFixes', () => {
  it('is installed on the default (wasm) backend', () => {
    expect(tf.getBackend()).toBe('wasm');
    for (const name of FIXED) expect(isOurKernel(name), name).toBe(true);
  });

  it('is idempotent: a second call changes nothing and warns nothing', () => {
    const before = FIXED.map((name) => tf.getKernel(name, 'wasm').kernelFunc);
    const warn = vi.spyOn(console, 'warn');
    registerWasmKernelFixes();
    registerWasmKernelFixes();
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(FIXED.map((name) => tf.getKernel(name, 'wasm').kernelFunc)).toEqual(before);
    const y = tf.matMul(tf.ones([2, 3]), tf.ones([2, 3]), false, true);
    expect(Array.from(y.dataSync())).toEqual([3, 3, 3, 3]);
    y.dispose();
  });
});
