import { fastBatchMatMul } from './batch-mat-mul.js';
import { conv2DBackpropFilter } from './conv2d-backprop-filter.js';
import { fastConv2DBackpropInput } from './conv2d-backprop-input.js';
import { fixedFusedMatMul } from './fused-mat-mul.js';
import { overrideKernel, provideKernel } from './kernel-utils.js';
import { fastSum } from './sum.js';
import { fastTranspose } from './transpose.js';
import { unsortedSegmentSum } from './unsorted-segment-sum.js';

/**
 * Installs our fixes for tfjs-backend-wasm 4.22.0 (DESIGN.md §2): BatchMatMul and _FusedMatMul on
 * the fast path for transposed and batched operands (with a correct fused bias/relu there), a fast
 * Conv2DBackpropInput, faster Transpose of the last two axes and Sum over leading axes (the two
 * other costs of a dense-layer gradient), and the missing Conv2DBackpropFilter and
 * UnsortedSegmentSum. Call it after the wasm backend is registered; calling it again is harmless.
 * Kernels that a later tfjs provides itself are left alone; the ones we wrap keep their originals.
 */
export function registerWasmKernelFixes(): void {
  overrideKernel('BatchMatMul', fastBatchMatMul);
  overrideKernel('_FusedMatMul', fixedFusedMatMul);
  overrideKernel('Conv2DBackpropInput', fastConv2DBackpropInput);
  overrideKernel('Transpose', fastTranspose);
  overrideKernel('Sum', fastSum);
  provideKernel('Conv2DBackpropFilter', conv2DBackpropFilter);
  provideKernel('UnsortedSegmentSum', unsortedSegmentSum);
}
