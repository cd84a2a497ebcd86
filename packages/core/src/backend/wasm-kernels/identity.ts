import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmBackend } from './kernel-utils.js';

/**
 * Wraps wasm's Identity, which copies its input to new heap data. tfjs-core runs Identity for
 * every `clone`, and clones every tensor it saves for a backward pass: a conv layer's kernel, its
 * input and output, ~140 copies per iteration of a DCGAN. tfjs data never changes once written
 * (an optimizer step assigns new data to a variable), so the result can share the input's data,
 * as the cpu backend's Identity and wasm's own Reshape do. Sharing also keeps the saved kernel the
 * same data as the variable, so the operators that XNNPACK packed for it in the forward pass, and
 * our Conv2DBackpropInput's sub-filters, are found again in the backward pass. Strings keep the
 * original kernel.
 */
export function sharedIdentity(original: KernelFunc): KernelFunc {
  return (args) => {
    const x = args.inputs.x as TensorInfo;
    if (x.dtype === 'string') return original(args);
    (args.backend as WasmBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };
}
