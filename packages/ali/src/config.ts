import { assertArgument, assertPositiveInteger } from '@mine/core';

/**
 * The four bidirectional models of Table 2:
 * - 'ali': adversarially learned inference (Dumoulin et al., 2016; BiGAN, Donahue et al., 2016).
 * - 'alice-l2': ALI + λ·E‖x − G(E(x))‖² (ALICE with an explicit l2 cycle term, Li et al., 2017).
 * - 'alice-adv': ALI + λ· an adversarial reconstruction term: a second discriminator tells (x, x)
 *   from (x, G(E(x))) (ALICE's conditional-entropy regulariser learned adversarially).
 * - 'ali-mine': ALI + β·I(x; z) on the decoder pairs (G(z), z), estimated by MINE (Eq. 19).
 */
export const ALI_MODELS = ['ali', 'alice-l2', 'alice-adv', 'ali-mine'] as const;
export type AliModel = (typeof ALI_MODELS)[number];

/** The serialisable options of an `AliTrainer` (everything but the data). */
export interface AliConfig {
  model: AliModel;
  /** Width multiplier of every network (1: Tables 7-10). */
  width: number;
  /** Dimension of the code z ~ N(0, I) (Tables 7-8: 128). */
  codeDim: number;
  /** Dimension of the encoder's noise ε ~ N(0, I), tiled over the image (Table 7: 128). */
  noiseDim: number;
  batchSize: number;
  /** Adam learning rate of the encoder, decoder and statistics network (Sec. 8.1.4: 1e-4). */
  learningRate: number;
  /**
   * Adam learning rate of the discriminators (the joint one and ALICE(adv)'s pair discriminator);
   * `learningRate` when not given, as in the paper.
   */
  discriminatorLearningRate: number;
  adamBeta1: number;
  adamBeta2: number;
  /** β of Eq. 19: weight of I(G(z); z) in the decoder's objective ('ali-mine'). */
  beta: number;
  /** λ: weight of ALICE's reconstruction term ('alice-l2', 'alice-adv'). */
  lambda: number;
  /** Weight of the past in the MINE moving average of E_Q[e^T] (Sec. 3.2). */
  emaDecay: number;
  /** Clip the MI gradient to the decoder's adversarial gradient norm (Eq. 21). */
  adaptiveClipping: boolean;
  seed: number;
}

/**
 * Defaults: the paper's where it gives them (Sec. 8.1.4: Adam 1e-4, batch 100; Tables 7-10 at
 * width 1, codes of 128). Adam's β1 = 0.5 follows DCGAN, whose setup the section says it follows;
 * λ = 1 is ALICE's default weight; β = 1 as in the other GAN applications (Sec. 8.1.2). The
 * discriminators' learning rate is `learningRate` unless `discriminatorLearningRate` is given.
 */
export const ALI_DEFAULTS: Omit<AliConfig, 'model' | 'discriminatorLearningRate'> = {
  width: 1,
  codeDim: 128,
  noiseDim: 128,
  batchSize: 100,
  learningRate: 1e-4,
  adamBeta1: 0.5,
  adamBeta2: 0.999,
  beta: 1,
  lambda: 1,
  emaDecay: 0.99,
  adaptiveClipping: true,
  seed: 0,
};

/** The defaults completed with `options` (undefined entries ignored), checked. */
export function resolveAliConfig(options: Partial<AliConfig> & { model: AliModel }): AliConfig {
  const defined = Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  ) as Partial<AliConfig>;
  const c = { ...ALI_DEFAULTS, ...defined } as AliConfig;
  c.discriminatorLearningRate ??= c.learningRate;
  assertArgument(
    (ALI_MODELS as readonly string[]).includes(c.model),
    'model',
    () => `must be one of ${ALI_MODELS.join(', ')}, got ${String(c.model)}`,
  );
  assertArgument(
    Number.isFinite(c.width) && c.width > 0 && c.width <= 8,
    'width',
    () => `must be in (0, 8], got ${c.width}`,
  );
  assertPositiveInteger(c.codeDim, 'codeDim');
  assertArgument(
    Number.isInteger(c.noiseDim) && c.noiseDim >= 0,
    'noiseDim',
    () => `must be a non-negative integer, got ${c.noiseDim}`,
  );
  assertArgument(
    Number.isInteger(c.batchSize) && c.batchSize >= 2,
    'batchSize',
    () => `must be an integer >= 2, got ${c.batchSize}`,
  );
  assertArgument(
    Number.isFinite(c.learningRate) && c.learningRate > 0,
    'learningRate',
    () => `must be positive, got ${c.learningRate}`,
  );
  assertArgument(
    Number.isFinite(c.discriminatorLearningRate) && c.discriminatorLearningRate > 0,
    'discriminatorLearningRate',
    () => `must be positive, got ${c.discriminatorLearningRate}`,
  );
  for (const name of ['adamBeta1', 'adamBeta2', 'emaDecay'] as const) {
    assertArgument(c[name] >= 0 && c[name] < 1, name, () => `must be in [0, 1), got ${c[name]}`);
  }
  for (const name of ['beta', 'lambda'] as const) {
    assertArgument(
      Number.isFinite(c[name]) && c[name] >= 0,
      name,
      () => `must be a finite number >= 0, got ${c[name]}`,
    );
  }
  assertArgument(
    Number.isInteger(c.seed) && c.seed >= 0,
    'seed',
    () => `must be a non-negative integer, got ${c.seed}`,
  );
  return c;
}
