import * as tf from '@tensorflow/tfjs-core';
import { assertArgument } from '../errors.js';

// Checkpoints of trainers: variables and Adam state read back bit for bit, so that a restored
// run continues exactly as if it had not stopped.

/** A tensor's values, row-major. */
export interface SavedTensor {
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

/** An Adam optimizer's state (tfjs `optimizer.getWeights()` plus the exact bias-correction powers). */
export interface SavedOptimizer {
  readonly iterations: number;
  /** First moments then second moments, one per trainable variable in order (tfjs order). */
  readonly slots: readonly (SavedTensor & { readonly name: string })[];
  /**
   * [β1^t, β2^t] as tfjs keeps them (a running float32 product). tfjs's `setWeights` recomputes
   * them with `pow`, which differs in the last bits; restoring these keeps a resumed run exact.
   * null when the optimizer does not expose them.
   */
  readonly powers: Float32Array | null;
}

/** The values of `variables`, in order. */
export async function saveVariables(variables: readonly tf.Variable[]): Promise<SavedTensor[]> {
  return Promise.all(
    variables.map(async (v) => ({ shape: [...v.shape], values: (await v.data()) as Float32Array })),
  );
}

/**
 * Assigns saved values to `variables` (same count and shapes, else an error naming `network`).
 */
export function loadVariables(
  network: string,
  variables: readonly tf.Variable[],
  saved: readonly SavedTensor[],
): void {
  assertArgument(
    saved.length === variables.length &&
      saved.every((s, i) => sameShape(s.shape, variables[i]!.shape)),
    'checkpoint',
    () => `${network} variables do not match the network (${saved.length} vs ${variables.length})`,
  );
  tf.tidy(() => {
    variables.forEach((v, i) => {
      v.assign(tf.tensor(saved[i]!.values, v.shape));
    });
  });
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

interface AdamPowers {
  accBeta1?: tf.Variable;
  accBeta2?: tf.Variable;
}

/** The state of a `tf.train.adam` optimizer (slots are copied; the optimizer is unchanged). */
export async function saveOptimizer(optimizer: tf.Optimizer): Promise<SavedOptimizer> {
  const [iterations, ...slots] = await optimizer.getWeights();
  const count = (await iterations!.tensor.data())[0]!;
  iterations!.tensor.dispose(); // getWeights makes a fresh scalar; the slots are the live variables
  const { accBeta1, accBeta2 } = optimizer as unknown as AdamPowers;
  const powers =
    accBeta1 instanceof tf.Variable && accBeta2 instanceof tf.Variable
      ? Float32Array.from([(await accBeta1.data())[0]!, (await accBeta2.data())[0]!])
      : null;
  return {
    iterations: count,
    slots: await Promise.all(
      slots.map(async (s) => ({
        name: s.name,
        shape: [...s.tensor.shape],
        values: (await s.tensor.data()) as Float32Array,
      })),
    ),
    powers,
  };
}

/** Restores `saveOptimizer`'s state into an optimizer of the same kind. */
export async function loadOptimizer(optimizer: tf.Optimizer, saved: SavedOptimizer): Promise<void> {
  const weights = [
    { name: 'iter', tensor: tf.scalar(saved.iterations, 'int32') },
    ...saved.slots.map((s) => ({ name: s.name, tensor: tf.tensor(s.values, [...s.shape]) })),
  ];
  await optimizer.setWeights(weights);
  tf.dispose(weights.map((w) => w.tensor)); // setWeights made variables of their own
  const { accBeta1, accBeta2 } = optimizer as unknown as AdamPowers;
  if (saved.powers && accBeta1 instanceof tf.Variable && accBeta2 instanceof tf.Variable) {
    const [p1, p2] = saved.powers;
    tf.tidy(() => {
      accBeta1.assign(tf.scalar(p1!));
      accBeta2.assign(tf.scalar(p2!));
    });
  }
}
