export { type BatchNorm, type BatchNormOptions, batchNorm } from './batch-norm.js';
export { DEFAULT_WEIGHT_INIT, type WeightInit } from './init.js';
export {
  type MlpDiscriminator,
  type MlpDiscriminatorOptions,
  type MlpStatisticsNetworkOptions,
  mlpDiscriminator,
  mlpStatisticsNetwork,
} from './mlp-discriminator.js';
export { type MlpGenerator, type MlpGeneratorOptions, mlpGenerator } from './mlp-generator.js';
export type { ApplyOptions, Network } from './network.js';
