import * as tf from '@tensorflow/tfjs-core';
import { assertArgument, InvalidArgumentError } from '../errors.js';

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

/** Kernel of one Adam update: inputs value, gradient, m, v; outputs the next value, m and v. */
export const ADAM_UPDATE = 'MineAdamUpdate';

/** Attributes of the `ADAM_UPDATE` kernel at step t. */
export interface AdamUpdateAttrs {
  beta1: number;
  beta2: number;
  /** learningRate / (1 − β1^t) */
  rate: number;
  /** 1 / (1 − β2^t) */
  inverseCorrection2: number;
  epsilon: number;
}

/** One entry of `getWeights` (tfjs does not export the type). */
type NamedTensor = Awaited<ReturnType<tf.Optimizer['getWeights']>>[number];

/** One variable's moments; `name` is the variable's name when the slot was made. */
interface Slot {
  name: string;
  m: tf.Tensor;
  v: tf.Tensor;
}

/**
 * Adam (Kingma & Ba, 2015) with tf.train.adam's update rule and defaults. Where the active
 * backend has the fused kernel (wasm, with our kernel fixes) each variable is one kernel, one pass
 * over its values in float64 with one rounding per result, instead of ~14 kernels (and 4 more per
 * step for the bias-correction powers); elsewhere tfjs ops.
 *
 * Its state reads and writes as tf.train.adam's (`getWeights`/`setWeights`: the iteration count,
 * then first and then second moments in the order of the gradients), so core's
 * `saveOptimizer`/`loadOptimizer` checkpoints of either restore into it. The bias corrections
 * 1 − β^t are recomputed from the iteration count, so a restored run continues bit for bit.
 */
export class FusedAdam extends tf.Optimizer {
  static get className(): string {
    return 'FusedAdam';
  }

  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** By position in the gradient list, as tf.train.adam keeps them. */
  private slots: Slot[] = [];

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
    const step = this.iterations + 1;
    const attrs: AdamUpdateAttrs = {
      beta1: this.beta1,
      beta2: this.beta2,
      rate: this.learningRate / (1 - this.beta1 ** step),
      inverseCorrection2: 1 / (1 - this.beta2 ** step),
      epsilon: this.epsilon,
    };
    const fused = tf.getKernel(ADAM_UPDATE, tf.getBackend()) !== undefined;
    list.forEach(({ name, tensor: gradient }, i) => {
      const variable = tf.engine().registeredVariables[name];
      if (!variable) {
        throw new InvalidArgumentError({
          argument: 'gradients',
          message: `name "${name}", which is no variable`,
        });
      }
      const slot = this.slots[i] ?? this.newSlot(i, name, variable);
      if (gradient == null) return;
      assertArgument(
        tf.util.arraysEqual(slot.m.shape, variable.shape),
        'gradients',
        () =>
          `entry ${i} is variable [${variable.shape}], but this optimizer's moments for it are [${slot.m.shape}] (state of another network?)`,
      );
      const [value, m, v] =
        fused && variable.dtype === 'float32'
          ? (tf
              .engine()
              .runKernel(
                ADAM_UPDATE,
                { value: variable, gradient, m: slot.m, v: slot.v },
                attrs as unknown as tf.NamedAttrMap,
              ) as tf.Tensor[])
          : this.updateWithOps(variable, gradient, slot, step);
      tf.dispose([slot.m, slot.v]);
      slot.m = tf.keep(m!);
      slot.v = tf.keep(v!);
      variable.assign(value!);
      value!.dispose();
    });
    this.incrementIterations();
  }

  /** The update as tfjs ops (backends without the fused kernel). */
  private updateWithOps(
    variable: tf.Variable,
    gradient: tf.Tensor,
    slot: Slot,
    step: number,
  ): tf.Tensor[] {
    const { beta1, beta2, learningRate, epsilon } = this;
    return tf.tidy(() => {
      const m = tf.add(tf.mul(slot.m, beta1), tf.mul(gradient, 1 - beta1));
      const v = tf.add(tf.mul(slot.v, beta2), tf.mul(tf.square(gradient), 1 - beta2));
      const update = tf.div(
        tf.mul(tf.div(m, 1 - beta1 ** step), learningRate),
        tf.add(tf.sqrt(tf.div(v, 1 - beta2 ** step)), epsilon),
      );
      return [tf.sub(variable, update), m, v];
    });
  }

  private newSlot(i: number, name: string, variable: tf.Variable): Slot {
    const slot = {
      name,
      m: tf.keep(tf.zerosLike(variable)),
      v: tf.keep(tf.zerosLike(variable)),
    };
    this.slots[i] = slot;
    return slot;
  }

  /** The iteration count, then `<variable>/m` for every slot, then `<variable>/v` (tfjs's order). */
  override async getWeights(): Promise<NamedTensor[]> {
    return [
      await this.saveIterations(),
      ...this.slots.map((s) => ({ name: `${s.name}/m`, tensor: s.m })),
      ...this.slots.map((s) => ({ name: `${s.name}/v`, tensor: s.v })),
    ];
  }

  /** Restores `getWeights`' list, or tf.train.adam's (the tensors are copied). */
  override async setWeights(weights: NamedTensor[]): Promise<void> {
    const moments = await this.extractIterations(weights);
    assertArgument(
      moments.length % 2 === 0,
      'weights',
      () => `must hold first and second moments in pairs, got ${moments.length} tensors`,
    );
    const count = moments.length / 2;
    const slots = moments.slice(0, count).map((first, i) => ({
      name: first.name.replace(/\/m$/, ''),
      m: tf.keep(first.tensor.clone()),
      v: tf.keep(moments[count + i]!.tensor.clone()),
    }));
    this.disposeSlots();
    this.slots = slots;
  }

  private disposeSlots(): void {
    for (const slot of this.slots) tf.dispose([slot.m, slot.v]);
    this.slots = [];
  }

  override dispose(): void {
    this.disposeSlots();
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
