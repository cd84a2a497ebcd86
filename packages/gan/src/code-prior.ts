import { assertArgument, type Rng } from '@mine/core';

/**
 * The distribution of the code c in the prior z = [ε, c] (Sec. 5.1, after Chen et al., 2016).
 * The paper does not state it. What it is decides what maximising I(G([ε, c]); c) rewards: a
 * categorical code caps the information at log K and rewards K separated groups of samples; a
 * continuous code has no ceiling, so the generator gains by spreading its samples out.
 *
 * - `categorical`: a one-hot vector of `classes` equiprobable classes (width `classes`).
 * - `uniform`: c ~ U(−1, 1)^dim.
 * - `gaussian`: c ~ N(0, I_dim).
 * - `mixed`: InfoGAN's split, a one-hot of `classes` classes followed by U(−1, 1)^dim
 *   (width `classes + dim`).
 * - `categoricals`: `codes` independent one-hots of `classes` classes each, side by side
 *   (width `codes · classes`): classes^codes equiprobable values, H(c) = codes · log(classes),
 *   from far fewer columns than one one-hot of classes^codes classes.
 */
export type CodePrior =
  | { readonly kind: 'categorical'; readonly classes: number }
  | { readonly kind: 'categoricals'; readonly codes: number; readonly classes: number }
  | { readonly kind: 'uniform'; readonly dim: number }
  | { readonly kind: 'gaussian'; readonly dim: number }
  | { readonly kind: 'mixed'; readonly classes: number; readonly dim: number };

export const CODE_PRIOR_KINDS = [
  'categorical',
  'categoricals',
  'uniform',
  'gaussian',
  'mixed',
] as const;

/** Columns of c as the generator and the statistics network see it. */
export function codeWidth(prior: CodePrior): number {
  switch (prior.kind) {
    case 'categorical':
      return prior.classes;
    case 'categoricals':
      return prior.codes * prior.classes;
    case 'mixed':
      return prior.classes + prior.dim;
    default:
      return prior.dim;
  }
}

/**
 * The largest I(G([ε, c]); c) the code allows, nats: H(c) = log K for a categorical code (and for
 * the categorical part of a mixed one, whose continuous part adds no ceiling: Infinity);
 * codes · log K for `categoricals`; Infinity for a continuous code.
 */
export function codeInformationCeiling(prior: CodePrior): number {
  if (prior.kind === 'categorical') return Math.log(prior.classes);
  if (prior.kind === 'categoricals') return prior.codes * Math.log(prior.classes);
  return Number.POSITIVE_INFINITY;
}

/** A short description for reports, e.g. "one-hot of 25 classes" or "U(−1, 1)^2". */
export function describeCodePrior(prior: CodePrior): string {
  switch (prior.kind) {
    case 'categorical':
      return `one-hot of ${prior.classes} classes`;
    case 'categoricals':
      return `${prior.codes} one-hots of ${prior.classes} classes`;
    case 'uniform':
      return `U(−1, 1)^${prior.dim}`;
    case 'gaussian':
      return `N(0, I_${prior.dim})`;
    case 'mixed':
      return `one-hot of ${prior.classes} classes + U(−1, 1)^${prior.dim}`;
  }
}

/** Throws an `InvalidArgumentError` naming `argument` unless `prior` is a well-formed `CodePrior`. */
export function assertCodePrior(
  prior: unknown,
  argument = 'codePrior',
): asserts prior is CodePrior {
  const p = prior as Partial<Record<'kind' | 'classes' | 'dim' | 'codes', unknown>> | null;
  assertArgument(
    typeof p === 'object' &&
      p !== null &&
      (CODE_PRIOR_KINDS as readonly unknown[]).includes(p.kind),
    argument,
    () => `must be { kind: ${CODE_PRIOR_KINDS.join(' | ')}, … }, got ${JSON.stringify(prior)}`,
  );
  const needsClasses = p.kind === 'categorical' || p.kind === 'categoricals' || p.kind === 'mixed';
  const needsDim = p.kind !== 'categorical' && p.kind !== 'categoricals';
  if (p.kind === 'categoricals') {
    assertArgument(
      Number.isInteger(p.codes) && (p.codes as number) >= 1,
      argument,
      () => `codes must be a positive integer, got ${String(p.codes)}`,
    );
  }
  if (needsClasses) {
    assertArgument(
      Number.isInteger(p.classes) && (p.classes as number) >= 2,
      argument,
      () => `classes must be an integer >= 2, got ${String(p.classes)}`,
    );
  }
  if (needsDim) {
    assertArgument(
      Number.isInteger(p.dim) && (p.dim as number) >= 1,
      argument,
      () => `dim must be a positive integer, got ${String(p.dim)}`,
    );
  }
}

/**
 * Writes one draw of c into `out` at `offset` (codeWidth(prior) values), from `rng`.
 * The class of a categorical code is `rng.int(classes)`; a continuous part follows it.
 */
export function drawCodeInto(prior: CodePrior, rng: Rng, out: Float32Array, offset: number): void {
  let at = offset;
  if (prior.kind === 'categoricals') {
    out.fill(0, at, at + prior.codes * prior.classes);
    for (let j = 0; j < prior.codes; j++) out[at + j * prior.classes + rng.int(prior.classes)] = 1;
    return;
  }
  if (prior.kind === 'categorical' || prior.kind === 'mixed') {
    out.fill(0, at, at + prior.classes);
    out[at + rng.int(prior.classes)] = 1;
    at += prior.classes;
  }
  if (prior.kind === 'gaussian') {
    for (let j = 0; j < prior.dim; j++) out[at + j] = rng.normal();
  } else if (prior.kind === 'uniform' || prior.kind === 'mixed') {
    for (let j = 0; j < prior.dim; j++) out[at + j] = 2 * rng.next() - 1;
  }
}
