import type { Batch, Sampler } from '@mine/core/base';
import { createStream } from './internal/stream.js';
import { assertPositive, assertSampleArguments } from './internal/validate.js';

export interface AdditiveUniformOptions {
  /** Half-width ε > 0 of the noise N ~ U(−ε, ε). */
  epsilon: number;
  /** @default `additive-uniform-eps${epsilon}` */
  name?: string;
}

/**
 * Uniform additive noise (bmi's AdditiveUniformSampler): X ~ U(0, 1), N ~ U(−ε, ε) independent,
 * Z = X + N. Z's density is the trapezoid U(0,1) ⊛ U(−ε,ε), so with w = 2ε the noise width,
 * h(Z | X) = log w and h(Z) = w/2 (w ≤ 1) or log w + 1/(2w) (w ≥ 1). Hence
 * I(X; Z) = ε − log(2ε) for ε ≤ ½ and 1/(4ε) for ε ≥ ½ (both give ½ at ε = ½).
 */
export function additiveUniform(options: AdditiveUniformOptions): Sampler {
  const { epsilon } = options;
  assertPositive(epsilon, 'epsilon');
  const name = options.name ?? `additive-uniform-eps${epsilon}`;
  const mi = additiveUniformMi(epsilon);
  return {
    name,
    xDim: 1,
    zDim: 1,
    sample(n: number, seed: number): Batch {
      assertSampleArguments(n, seed);
      const stream = createStream(seed);
      const x = new Float32Array(n);
      const z = new Float32Array(n);
      stream.fillUniform(x, 0, 1);
      stream.fillUniform(z, -epsilon, epsilon);
      for (let i = 0; i < n; i++) z[i] = x[i]! + z[i]!;
      return { n, x, z };
    },
    mutualInformation: () => mi,
  };
}

/** I(X; X + N) in nats for X ~ U(0, 1), N ~ U(−ε, ε). */
export function additiveUniformMi(epsilon: number): number {
  assertPositive(epsilon, 'epsilon');
  return epsilon <= 0.5 ? epsilon - Math.log(2 * epsilon) : 0.25 / epsilon;
}
