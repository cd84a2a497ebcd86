import * as tf from '@tensorflow/tfjs-core';
import { assertArgument } from '../errors.js';
import { fusedKernelActive } from './fused-kernel.js';

/** Kernel of `leakyRelu`: inputs x and (optionally) bias; output y. */
export const LEAKY_RELU = 'MineLeakyRelu';
/** Its gradient: inputs dy, y; outputs dx and, with a bias, dBias. */
export const LEAKY_RELU_GRAD = 'MineLeakyReluGrad';

export interface LeakyReluAttrs {
  alpha: number;
  /** Whether the forward had a bias (the gradient kernel then also returns dBias). */
  withBias: boolean;
}

/**
 * LeakyReLU of x + bias: z < 0 ? α·z : z, with z = x + bias (bias [channels] added along the
 * last axis; none when omitted). α must be in [0, 1): the sign of the output is then the sign of
 * z, so the gradient needs only the output.
 *
 * Where the active backend has the fused kernel (wasm, with our kernel fixes) this is one kernel
 * forward and one backward (dx and the bias gradient in one pass), instead of Add and LeakyRelu
 * forward and Greater, Multiply, Select and Sum backward as tfjs ops; elsewhere it is those ops.
 */
export function leakyRelu<T extends tf.Tensor>(x: T, alpha: number, bias?: tf.Tensor): T {
  assertArgument(
    Number.isFinite(alpha) && alpha >= 0 && alpha < 1,
    'alpha',
    () => `must be in [0, 1), got ${alpha}`,
  );
  if (bias !== undefined) {
    const channels = x.shape[x.rank - 1];
    assertArgument(
      x.rank >= 1 && bias.rank === 1 && bias.shape[0] === channels,
      'bias',
      () => `must be [${channels}] (x's last axis), got [${bias.shape}]`,
    );
  }
  const float = x.dtype === 'float32' && (bias === undefined || bias.dtype === 'float32');
  if (float && fusedKernelActive(LEAKY_RELU, LEAKY_RELU_GRAD)) {
    const inputs: tf.NamedTensorMap = bias ? { x, bias } : { x };
    const attrs: LeakyReluAttrs = { alpha, withBias: bias !== undefined };
    return tf.engine().runKernel(LEAKY_RELU, inputs, attrs as unknown as tf.NamedAttrMap) as T;
  }
  return tf.tidy(() => tf.leakyRelu(bias ? tf.add(x, bias) : x, alpha) as T);
}

/**
 * Registers the gradient of the fused kernel (backend-independent: it runs the gradient kernel of
 * the backend that ran the forward). Called by whoever registers the kernels; harmless twice.
 */
export function registerLeakyReluGradient(): void {
  if (tf.getGradient(LEAKY_RELU)) return;
  tf.registerGradient({
    kernelName: LEAKY_RELU,
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [y] = saved as [tf.Tensor];
      // One kernel gives dx and dBias: run it now, not in the per-input closures (backprop tidies
      // each closure, which would free the other output).
      const [dx, dBias] = tf
        .engine()
        .runKernel(LEAKY_RELU_GRAD, { dy: dy as tf.Tensor, y }, attrs as tf.NamedAttrMap) as [
        tf.Tensor,
        tf.Tensor | undefined,
      ];
      const grads: Record<string, () => tf.Tensor> = { x: () => dx };
      if (dBias) grads.bias = () => dBias;
      return grads;
    },
  });
}
