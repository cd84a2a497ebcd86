import * as tf from '@tensorflow/tfjs-core';
import { assertArgument } from '../errors.js';
import { type HeapBackend, heapBackend, tensorFromHeap } from '../nn/heap.js';

export interface FusedAdamOptions {
  /** @default 1e-3 */
  learningRate?: number;
  /** Decay of the first-moment average. @default 0.9 */
  beta1?: number;
  /** Decay of the second-moment average. @default 0.999 */
  beta2?: number;
  /** @default the backend's epsilon (1e-7 for float32), as tf.train.adam */
  epsilon?: number;
}

interface Slot {
  m: tf.Tensor;
  v: tf.Tensor;
}

/** A variable's next value and moments. */
interface Moments {
  value: tf.Tensor;
  m: tf.Tensor;
  v: tf.Tensor;
}

/**
 * On wasm, variables up to this many entries are updated by one loop over the heap; larger
 * ones by tfjs's SIMD kernels. Each kernel launch costs ~10 µs here and Adam takes 14 per
 * variable, while the loop costs ~8 ns per entry: the loop wins below ~20k entries.
 */
export const HEAP_UPDATE_LIMIT = 20_000;

/**
 * Adam (Kingma & Ba, 2015) with tf.train.adam's update rule and defaults. Small variables
 * (biases, thin layers) are updated in one pass on the wasm heap instead of a dozen kernels
 * each; the rest, and every variable on other backends, with tfjs ops.
 */
export class FusedAdam extends tf.Optimizer {
  static get className(): string {
    return 'FusedAdam';
  }

  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private step = 0;
  private readonly slots = new Map<string, Slot>();

  constructor(options: FusedAdamOptions = {}) {
    super();
    const { learningRate = 1e-3, beta1 = 0.9, beta2 = 0.999 } = options;
    assertArgument(learningRate > 0, 'learningRate', () => `must be positive, got ${learningRate}`);
    assertArgument(beta1 >= 0 && beta1 < 1, 'beta1', () => `must be in [0, 1), got ${beta1}`);
    assertArgument(beta2 >= 0 && beta2 < 1, 'beta2', () => `must be in [0, 1), got ${beta2}`);
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = options.epsilon ?? tf.backend().epsilon();
    assertArgument(this.epsilon > 0, 'epsilon', () => `must be positive, got ${this.epsilon}`);
  }

  override applyGradients(
    gradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[],
  ): void {
    const list = Array.isArray(gradients)
      ? gradients
      : Object.entries(gradients).map(([name, tensor]) => ({ name, tensor }));
    this.step++;
    const correction1 = 1 - this.beta1 ** this.step;
    const correction2 = 1 - this.beta2 ** this.step;
    for (const { name, tensor: gradient } of list) {
      if (gradient == null) continue;
      const variable = tf.engine().registeredVariables[name];
      if (!variable) throw new Error(`FusedAdam: no variable named "${name}"`);
      const slot = this.slots.get(name) ?? this.newSlot(name, variable);
      const heap = variable.size <= HEAP_UPDATE_LIMIT ? heapBackend(variable.dtype) : null;
      const next = heap
        ? this.updateOnHeap(heap, variable, gradient, slot, correction1, correction2)
        : this.updateWithOps(variable, gradient, slot, correction1, correction2);
      tf.dispose([slot.m, slot.v]);
      slot.m = next.m;
      slot.v = next.v;
      variable.assign(next.value);
      next.value.dispose();
    }
    this.incrementIterations();
  }

  private newSlot(name: string, variable: tf.Variable): Slot {
    const slot = { m: tf.keep(tf.zerosLike(variable)), v: tf.keep(tf.zerosLike(variable)) };
    this.slots.set(name, slot);
    return slot;
  }

  private updateOnHeap(
    backend: HeapBackend,
    variable: tf.Variable,
    gradient: tf.Tensor,
    slot: Slot,
    correction1: number,
    correction2: number,
  ): Moments {
    // Allocate first: growing the heap can invalidate views taken before.
    const infos = [0, 1, 2].map(() => backend.makeOutput(variable.shape, 'float32'));
    const [valueOut, mOut, vOut] = infos.map((info) => backend.typedArrayFromHeap(info)) as [
      Float32Array,
      Float32Array,
      Float32Array,
    ];
    adamLoop(
      backend.typedArrayFromHeap(variable),
      backend.typedArrayFromHeap(gradient),
      backend.typedArrayFromHeap(slot.m),
      backend.typedArrayFromHeap(slot.v),
      valueOut,
      mOut,
      vOut,
      this.beta1,
      this.beta2,
      this.learningRate / correction1,
      1 / correction2,
      this.epsilon,
    );
    const [value, m, v] = infos.map((info) => tensorFromHeap(info)) as [
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
    ];
    return { value, m: tf.keep(m), v: tf.keep(v) };
  }

  private updateWithOps(
    variable: tf.Variable,
    gradient: tf.Tensor,
    slot: Slot,
    correction1: number,
    correction2: number,
  ): Moments {
    return tf.tidy(() => {
      const m = tf.add(tf.mul(slot.m, this.beta1), tf.mul(gradient, 1 - this.beta1));
      const v = tf.add(tf.mul(slot.v, this.beta2), tf.mul(tf.square(gradient), 1 - this.beta2));
      const step = tf.div(
        tf.mul(tf.div(m, correction1), this.learningRate),
        tf.add(tf.sqrt(tf.div(v, correction2)), this.epsilon),
      );
      return { value: tf.sub(variable, step), m: tf.keep(m), v: tf.keep(v) };
    });
  }

  override dispose(): void {
    for (const slot of this.slots.values()) tf.dispose([slot.m, slot.v]);
    this.slots.clear();
    super.dispose();
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
    };
  }
}

// Monomorphic on Float32Array so V8 keeps it one tight loop.
function adamLoop(
  value: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  valueOut: Float32Array,
  mOut: Float32Array,
  vOut: Float32Array,
  beta1: number,
  beta2: number,
  rate: number,
  inverseCorrection2: number,
  epsilon: number,
): void {
  const a1 = 1 - beta1;
  const a2 = 1 - beta2;
  for (let i = 0; i < value.length; i++) {
    const gi = g[i]!;
    const mi = beta1 * m[i]! + a1 * gi;
    const vi = beta2 * v[i]! + a2 * gi * gi;
    mOut[i] = mi;
    vOut[i] = vi;
    valueOut[i] = value[i]! - (rate * mi) / (Math.sqrt(vi * inverseCorrection2) + epsilon);
  }
}
