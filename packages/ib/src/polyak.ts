import * as tf from '@tensorflow/tfjs-core';

/**
 * A Polyak (exponential moving) average of variables, θ̄ ← d·θ̄ + (1 − d)·θ after each update,
 * starting at the initial values (TensorFlow's ExponentialMovingAverage without num_updates,
 * as Alemi et al. use it for testing).
 */
export class PolyakAverage {
  readonly decay: number;
  readonly live: readonly tf.Variable[];
  readonly averaged: readonly tf.Variable[];
  private swapped = false;

  constructor(variables: readonly tf.Variable[], decay: number) {
    this.decay = decay;
    this.live = variables;
    this.averaged = variables.map((v) => tf.variable(v.clone(), false));
  }

  /** Moves the average one step towards the live values. */
  update(): void {
    if (this.swapped)
      throw new Error('PolyakAverage.update while the averaged weights are swapped in');
    tf.tidy(() => {
      this.averaged.forEach((a, i) => {
        a.assign(tf.add(tf.mul(a, this.decay), tf.mul(this.live[i]!, 1 - this.decay)));
      });
    });
  }

  /** Runs `fn` with the averaged values in the live variables, then puts the live values back. */
  async withAveraged<T>(fn: () => Promise<T> | T): Promise<T> {
    this.swap();
    try {
      return await fn();
    } finally {
      this.swap();
    }
  }

  private swap(): void {
    tf.tidy(() => {
      this.live.forEach((v, i) => {
        const copy = v.clone();
        v.assign(this.averaged[i]!);
        this.averaged[i]!.assign(copy);
      });
    });
    this.swapped = !this.swapped;
  }

  dispose(): void {
    tf.dispose(this.averaged as tf.Variable[]);
  }
}
