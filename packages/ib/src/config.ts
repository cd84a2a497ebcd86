import { assertArgument, assertPositiveInteger } from '@mine/core';

/** The five models of Table 3. */
export const IB_MODELS = [
  'deterministic',
  'dvb',
  'mine-gaussian',
  'mine-additive',
  'mine-propagated',
] as const;
export type IbModel = (typeof IB_MODELS)[number];

/** Models whose regulariser is a MINE estimate of I(X; Z). */
export function usesMine(model: IbModel): boolean {
  return model.startsWith('mine-');
}

/** Models with a Gaussian encoder z = μ(x) + σ(x)·ε, whose KL to N(0, I) bounds I(X; Z) from above. */
export function isGaussian(model: IbModel): boolean {
  return model === 'dvb' || model === 'mine-gaussian';
}

/** Everything a run is made of except the data (serialisable: it goes into checkpoints). */
export interface IbConfig {
  model: IbModel;
  /** β of Eq. 20: loss = cross-entropy + β·I(X; Z) (nats). Ignored by 'deterministic'. */
  beta: number;
  /** Dimension K of the bottleneck z. */
  bottleneck: number;
  /** Hidden layers of the encoder (and of the deterministic baseline). */
  hidden: number[];
  batchSize: number;
  learningRate: number;
  adamBeta1: number;
  adamBeta2: number;
  /** The learning rate is multiplied by this every `decayEpochs` epochs (staircase). */
  decayRate: number;
  decayEpochs: number;
  /** Decay of the Polyak (exponential moving) average of the weights used for testing. */
  polyakDecay: number;
  /** Test-time samples of z whose softmax outputs are averaged. */
  testSamples: number;
  /** σ of the additive-noise encoder z = enc(x + σ·ε). */
  additiveNoise: number;
  /** Dimension of ε in the propagated-noise encoder z = enc([x, ε]). */
  propagatedNoiseDim: number;
  /** Statistics network (Table 15): hidden layers, input noise std, hidden noise std. */
  statisticsHidden: number[];
  statisticsInputNoise: number;
  statisticsHiddenNoise: number;
  /** Adam learning rate of the statistics network (constant). */
  statisticsLearningRate: number;
  /** Weight of the past in MINE's moving average of E_Q[e^T] (Sec. 3.2). */
  emaDecay: number;
  seed: number;
}

/**
 * Defaults: Alemi et al. (2016)'s `vib_demo` setup, which Sec. 8.1.5 keeps "to keep comparison
 * fair": encoder 784-1024-1024-2K with K = 256 and σ = softplus(ρ − 5), a linear decoder,
 * β = 1e-3, Adam 1e-4 with β1 = 0.5, the rate × 0.97 every 2 epochs, batch 100, a 0.999 Polyak
 * average for testing and 12 test samples; the statistics network of Table 15 with Adam 1e-4.
 * The paper gives neither σ of the additive-noise encoder nor the size of ε of the propagated-
 * noise one: we take σ = 0.3 (the input noise of Table 15, on pixels in [0, 1]) and ε ∈ R^K.
 */
export const IB_DEFAULTS: Omit<IbConfig, 'model'> = {
  beta: 1e-3,
  bottleneck: 256,
  hidden: [1024, 1024],
  batchSize: 100,
  learningRate: 1e-4,
  adamBeta1: 0.5,
  adamBeta2: 0.999,
  decayRate: 0.97,
  decayEpochs: 2,
  polyakDecay: 0.999,
  testSamples: 12,
  additiveNoise: 0.3,
  propagatedNoiseDim: 256,
  statisticsHidden: [512, 512],
  statisticsInputNoise: 0.3,
  statisticsHiddenNoise: 0.5,
  statisticsLearningRate: 1e-4,
  emaDecay: 0.99,
  seed: 0,
};

export function resolveConfig(options: Partial<IbConfig> & { model: IbModel }): IbConfig {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const c = { ...IB_DEFAULTS, ...defined } as IbConfig;
  assertArgument(
    (IB_MODELS as readonly string[]).includes(c.model),
    'model',
    () => `unknown model "${c.model}". Should be one of: ${IB_MODELS.join(', ')}`,
  );
  assertPositiveInteger(c.bottleneck, 'bottleneck');
  assertPositiveInteger(c.batchSize, 'batchSize');
  assertPositiveInteger(c.decayEpochs, 'decayEpochs');
  assertPositiveInteger(c.testSamples, 'testSamples');
  assertPositiveInteger(c.propagatedNoiseDim, 'propagatedNoiseDim');
  assertArgument(c.batchSize >= 2, 'batchSize', () => `must be at least 2, got ${c.batchSize}`);
  for (const [name, list] of [
    ['hidden', c.hidden],
    ['statisticsHidden', c.statisticsHidden],
  ] as const) {
    assertArgument(
      Array.isArray(list) && list.length > 0 && list.every((h) => Number.isInteger(h) && h > 0),
      name,
      () => `must be a non-empty list of positive integers, got ${JSON.stringify(list)}`,
    );
  }
  const nonNegative = (v: number, name: string) =>
    assertArgument(
      Number.isFinite(v) && v >= 0,
      name,
      () => `must be a finite number >= 0, got ${v}`,
    );
  nonNegative(c.beta, 'beta');
  nonNegative(c.additiveNoise, 'additiveNoise');
  nonNegative(c.statisticsInputNoise, 'statisticsInputNoise');
  nonNegative(c.statisticsHiddenNoise, 'statisticsHiddenNoise');
  for (const [name, v] of [
    ['learningRate', c.learningRate],
    ['statisticsLearningRate', c.statisticsLearningRate],
  ] as const) {
    assertArgument(Number.isFinite(v) && v > 0, name, () => `must be positive, got ${v}`);
  }
  for (const [name, v] of [
    ['adamBeta1', c.adamBeta1],
    ['adamBeta2', c.adamBeta2],
    ['polyakDecay', c.polyakDecay],
    ['emaDecay', c.emaDecay],
  ] as const) {
    assertArgument(v >= 0 && v < 1, name, () => `must be in [0, 1), got ${v}`);
  }
  assertArgument(
    c.decayRate > 0 && c.decayRate <= 1,
    'decayRate',
    () => `must be in (0, 1], got ${c.decayRate}`,
  );
  assertArgument(
    Number.isInteger(c.seed) && c.seed >= 0,
    'seed',
    () => `must be a non-negative integer, got ${c.seed}`,
  );
  return { ...c, hidden: [...c.hidden], statisticsHidden: [...c.statisticsHidden] };
}
