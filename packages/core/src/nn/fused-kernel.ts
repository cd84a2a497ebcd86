import * as tf from '@tensorflow/tfjs-core';

/**
 * Whether the active backend runs a fused op as its kernel: the forward and gradient kernels are
 * registered for it, and so is the gradient that connects them (else the op falls back to tfjs ops).
 */
export function fusedKernelActive(kernel: string, gradientKernel: string): boolean {
  const backend = tf.getBackend();
  return (
    tf.getKernel(kernel, backend) !== undefined &&
    tf.getKernel(gradientKernel, backend) !== undefined &&
    tf.getGradient(kernel) !== undefined
  );
}
