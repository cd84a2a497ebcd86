import type {
  _FusedMatMulAttrs,
  KernelFunc,
  NamedAttrMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import { prepareOperands } from './batch-mat-mul.js';
import { free, runKernel, type WasmBackend } from './kernel-utils.js';

const ACTIVATION_KERNELS: Record<string, string> = {
  relu: 'Relu',
  relu6: 'Relu6',
  elu: 'Elu',
  sigmoid: 'Sigmoid',
  leakyrelu: 'LeakyRelu',
  prelu: 'Prelu',
};

/**
 * Wraps wasm's _FusedMatMul (tf.fused.matMul: product + bias + activation). Besides the slow path
 * BatchMatMul has (same fix, see prepareOperands), 4.22.0's slow path computes fused products
 * wrongly: it adds a rank-1 bias to the first row only and clamps relu/relu6 on partial sums (every
 * 48 terms). When the fast path is out of reach (b batched), we run the product unfused and apply
 * bias and activation with their own kernels.
 */
export function fixedFusedMatMul(original: KernelFunc): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const wasm = backend as WasmBackend;
    const { a, b, bias, preluActivationWeights } = inputs as Record<string, TensorInfo>;
    const { transposeA, transposeB, activation, leakyreluAlpha } =
      attrs as unknown as _FusedMatMulAttrs;
    const prepared = prepareOperands(wasm, a!, b!, transposeA, transposeB);
    const plainAttrs: NamedAttrMap = { ...attrs, transposeA: false, transposeB: false };
    const temporaries = prepared.temporaries;
    try {
      if (prepared.batchB === 1) {
        if (temporaries.length === 0) return original({ inputs, backend, attrs });
        const out = original({
          inputs: { ...inputs, a: prepared.a, b: prepared.b },
          backend,
          attrs: plainAttrs,
        }) as TensorInfo;
        return { ...out, shape: prepared.outShape };
      }
      let y = original({
        inputs: { a: prepared.a, b: prepared.b },
        backend,
        attrs: { ...plainAttrs, activation: 'linear' },
      }) as TensorInfo;
      if (bias) {
        temporaries.push(y);
        y = runKernel('Add', wasm, { a: y, b: bias });
      }
      const kernel = ACTIVATION_KERNELS[activation];
      if (!kernel) return y;
      temporaries.push(y);
      return activation === 'prelu'
        ? runKernel(kernel, wasm, { x: y, alpha: preluActivationWeights! })
        : runKernel(kernel, wasm, { x: y }, { alpha: leakyreluAlpha ?? 0.2 });
    } finally {
      free(wasm, ...temporaries);
    }
  };
}
