import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';
import { registerWasmKernelFixes, WASM_KERNEL_FIXES_VERSION } from './index.js';
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

describe('registerWasmKernelFixes on another tfjs-backend-wasm version', () => {
  it('warns once, installs nothing and says which version it needs', () => {
    const messages: string[] = [];
    const warn = (m: string) => messages.push(m);
    const before = FIXED.map((name) => tf.getKernel(name, 'wasm').kernelFunc);
    expect(registerWasmKernelFixes({ version: '4.21.0', warn })).toBe(false);
    expect(registerWasmKernelFixes({ version: '4.21.0', warn })).toBe(false);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/tfjs-backend-wasm 4\.21\.0.*written for 4\.22\.0.*not installed/);
    expect(FIXED.map((name) => tf.getKernel(name, 'wasm').kernelFunc)).toEqual(before);
    expect(registerWasmKernelFixes({ version: WASM_KERNEL_FIXES_VERSION })).toBe(true);
  });
});
