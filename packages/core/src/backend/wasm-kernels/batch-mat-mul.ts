import {
  type BatchMatMulAttrs,
  broadcast_util,
  type KernelFunc,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { free, runKernel, type WasmBackend } from './kernel-utils.js';
import { transposeLastTwo } from './transpose.js';

/**
 * Matmul operands reshaped for the fast path of tfjs-backend-wasm 4.22.0. Its BatchMatMul and
 * _FusedMatMul use XNNPACK only for untransposed operands with a batch of one; anything else falls
 * to a naive loop ~10-60x slower (256^3: ~20 ms vs ~1.5 ms), and every dense-layer gradient is a
 * transposed product. So transposed operands are transposed explicitly (the Transpose kernel costs
 * O(size), little next to the O(m·k·n) product), and when b has no batch, a's batch is folded into
 * its rows ([B, m, k] -> [1, B·m, k]).
 */
export interface PreparedOperands {
  a: TensorInfo;
  b: TensorInfo;
  /** The product's shape: broadcast batch dims, then [m, n]. */
  outShape: number[];
  /** b's batch size after preparation; above one the slow path remains. */
  batchB: number;
  /** Intermediates to free once the product is computed. */
  temporaries: TensorInfo[];
}

export function prepareOperands(
  wasm: WasmBackend,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): PreparedOperands {
  const temporaries: TensorInfo[] = [];
  const keep = (t: TensorInfo) => {
    temporaries.push(t);
    return t;
  };
  let aN = transposeA ? keep(transposeLastTwo(wasm, a)) : a;
  // A transposed b gets its own data even when it is a vector: 4.22.0 caches XNNPACK's packed
  // weights by the tensor id of b, and a reshape keeps the id, so the same column used untransposed
  // before would hit that cache with the other shape (wrong products).
  let bN = transposeB ? keep(transposeLastTwo(wasm, b, true)) : b;
  const [m, k] = aN.shape.slice(-2) as [number, number];
  const n = bN.shape.at(-1)!;
  const outShape = [
    ...broadcast_util.assertAndGetBroadcastShape(aN.shape.slice(0, -2), bN.shape.slice(0, -2)),
    m,
    n,
  ];
  const batchA = util.sizeFromShape(aN.shape.slice(0, -2));
  const batchB = util.sizeFromShape(bN.shape.slice(0, -2));
  if (batchA > 1 && batchB === 1 && bN.shape[bN.shape.length - 2] === k) {
    aN = keep(runKernel('Reshape', wasm, { x: aN }, { shape: [1, batchA * m, k] }));
    bN = keep(runKernel('Reshape', wasm, { x: bN }, { shape: [1, k, n] }));
  }
  return { a: aN, b: bN, outShape, batchB, temporaries };
}

/**
 * aᵀ·b for an unbatched column vector b (the weight gradient of a one-unit layer): computed as
 * bᵀ·a, whose operands need no transpose (bᵀ is a reshape), and whose [1, m] result has the layout
 * of the [m, 1] answer. Returns null for other products.
 */
function transposedVectorProduct(
  wasm: WasmBackend,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): TensorInfo | null {
  const n = b.shape.at(-1)!;
  const unbatched = (t: TensorInfo) => util.sizeFromShape(t.shape.slice(0, -2)) === 1;
  if (!transposeA || transposeB || n !== 1 || !unbatched(a) || !unbatched(b)) return null;
  const [k, m] = a.shape.slice(-2) as [number, number];
  const row = runKernel('Reshape', wasm, { x: b }, { shape: [1, 1, k] });
  const matrix = runKernel('Reshape', wasm, { x: a }, { shape: [1, k, m] });
  try {
    const out = runKernel(
      'BatchMatMul',
      wasm,
      { a: row, b: matrix },
      {
        transposeA: false,
        transposeB: false,
      },
    );
    const batchShape = a.shape.length >= b.shape.length ? a.shape : b.shape;
    return { ...out, shape: [...batchShape.slice(0, -2), m, 1] };
  } finally {
    free(wasm, row, matrix);
  }
}

/** Wraps wasm's BatchMatMul so that every product it can takes the XNNPACK path. */
export function fastBatchMatMul(original: KernelFunc): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { transposeA, transposeB } = attrs as unknown as BatchMatMulAttrs;
    const wasm = backend as WasmBackend;
    const a = inputs.a as TensorInfo;
    const b = inputs.b as TensorInfo;
    const vectorProduct = transposedVectorProduct(wasm, a, b, transposeA, transposeB);
    if (vectorProduct) return vectorProduct;
    const prepared = prepareOperands(wasm, a, b, transposeA, transposeB);
    if (prepared.temporaries.length === 0) return original({ inputs, backend, attrs });
    try {
      const out = original({
        inputs: { a: prepared.a, b: prepared.b },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      }) as TensorInfo;
      return { ...out, shape: prepared.outShape };
    } finally {
      free(wasm, ...prepared.temporaries);
    }
  };
}
