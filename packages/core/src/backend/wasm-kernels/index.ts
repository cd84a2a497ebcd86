import * as tf from '@tensorflow/tfjs-core';
import {
  BATCH_NORM_TRAINING,
  BATCH_NORM_TRAINING_GRAD,
  registerBatchNormTrainingGradient,
} from '../../nn/batch-norm.js';
import { LEAKY_RELU, LEAKY_RELU_GRAD, registerLeakyReluGradient } from '../../nn/leaky-relu.js';
import { RUNNING_AVERAGE } from '../../nn/running-average.js';
import { ADAM_UPDATE } from '../../optim/fused-adam.js';
import { adamUpdate } from './adam.js';
import { fastBatchMatMul } from './batch-mat-mul.js';
import { batchNormTraining, batchNormTrainingGrad } from './batch-norm.js';
import { conv2DBackpropFilter } from './conv2d-backprop-filter.js';
import { fastConv2DBackpropInput } from './conv2d-backprop-input.js';
import { fixedFusedMatMul } from './fused-mat-mul.js';
import { sharedIdentity } from './identity.js';
import { isOurKernel, overrideKernel, provideKernel } from './kernel-utils.js';
import { leakyReluGradKernel, leakyReluKernel } from './leaky-relu.js';
import { runningAverageKernel } from './running-average.js';
import { fastSum } from './sum.js';
import { fastTranspose } from './transpose.js';
import { unsortedSegmentSum } from './unsorted-segment-sum.js';

/**
 * The tfjs-backend-wasm version the kernel fixes were written and tested for: they call that
 * version's kernels with its attributes and read its heap layout, so another version gets none.
 */
export const WASM_KERNEL_FIXES_VERSION = '4.22.0';

export interface WasmKernelFixesOptions {
  /**
   * Version of the registered tfjs-backend-wasm (its `version_wasm`). @default tfjs-core's version:
   * tfjs-backend-wasm requires exactly its own version of tfjs-core, so the two agree.
   */
  version?: string;
  /** Where the warning about another version goes. @default console.warn */
  warn?: (message: string) => void;
}

let knownWasmVersion: string | undefined;
let warnedVersion: string | undefined;

/** Records the version of the tfjs-backend-wasm module that registered the backend. */
export function noteWasmVersion(version: string): void {
  knownWasmVersion = version;
}

/**
 * Installs our fixes for tfjs-backend-wasm 4.22.0 (DESIGN.md §2): BatchMatMul and _FusedMatMul on
 * the fast path for transposed and batched operands (with a correct fused bias/relu there), a fast
 * Conv2DBackpropInput, faster Transpose of the last two axes and Sum over leading axes (the two
 * other costs of a dense-layer gradient), an Identity that shares data instead of copying it, and the missing Conv2DBackpropFilter and
 * UnsortedSegmentSum, the fused training-mode batch norm that core's `batchNormTraining` runs and
 * the fused bias-add and LeakyReLU of core's `leakyRelu` (each with its gradient), and one-pass
 * kernels for core's `FusedAdam` and `runningAverage`. They go into tfjs-core's kernel registry
 * for the wasm backend, so they need no import of the backend package. Calling it again is harmless. Kernels that a later tfjs
 * provides itself are left alone; the ones we wrap keep their originals. On another wasm version
 * it warns once and installs nothing. Returns whether the fixes are installed.
 */
export function registerWasmKernelFixes(options: WasmKernelFixesOptions = {}): boolean {
  const version = options.version ?? knownWasmVersion ?? tf.version_core;
  if (version !== WASM_KERNEL_FIXES_VERSION) {
    if (warnedVersion !== version) {
      warnedVersion = version;
      (options.warn ?? console.warn)(
        `[mine] tfjs-backend-wasm ${version}: our wasm kernel fixes are written for ${WASM_KERNEL_FIXES_VERSION} and are not installed (transposed matrix products stay slow; conv nets and gathers cannot train). Install @tensorflow/tfjs-backend-wasm@${WASM_KERNEL_FIXES_VERSION} with tfjs-core ${WASM_KERNEL_FIXES_VERSION}.`,
      );
    }
    return false;
  }
  overrideKernel('BatchMatMul', fastBatchMatMul);
  overrideKernel('_FusedMatMul', fixedFusedMatMul);
  overrideKernel('Conv2DBackpropInput', fastConv2DBackpropInput);
  overrideKernel('Transpose', fastTranspose);
  overrideKernel('Sum', fastSum);
  overrideKernel('Identity', sharedIdentity);
  provideKernel('Conv2DBackpropFilter', conv2DBackpropFilter);
  provideKernel('UnsortedSegmentSum', unsortedSegmentSum);
  provideKernel(BATCH_NORM_TRAINING, batchNormTraining);
  provideKernel(BATCH_NORM_TRAINING_GRAD, batchNormTrainingGrad);
  registerBatchNormTrainingGradient();
  provideKernel(LEAKY_RELU, leakyReluKernel);
  provideKernel(LEAKY_RELU_GRAD, leakyReluGradKernel);
  registerLeakyReluGradient();
  provideKernel(ADAM_UPDATE, adamUpdate);
  provideKernel(RUNNING_AVERAGE, runningAverageKernel);
  return wasmKernelFixesActive();
}

/** Whether every kernel fix is what the wasm registry runs now. */
export function wasmKernelFixesActive(): boolean {
  return FIXED_KERNELS.every(isOurKernel);
}

/** The kernels `registerWasmKernelFixes` installs. */
export const FIXED_KERNELS = [
  'BatchMatMul',
  '_FusedMatMul',
  'Conv2DBackpropInput',
  'Transpose',
  'Sum',
  'Identity',
  'Conv2DBackpropFilter',
  'UnsortedSegmentSum',
  BATCH_NORM_TRAINING,
  BATCH_NORM_TRAINING_GRAD,
  LEAKY_RELU,
  LEAKY_RELU_GRAD,
  ADAM_UPDATE,
  RUNNING_AVERAGE,
] as const;
