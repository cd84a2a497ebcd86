// The networks of the Information Bottleneck experiments (Sec. 5.3, Table 15).
export {
  type BottleneckEncoderOptions,
  baselineClassifier,
  bottleneckDecoder,
  bottleneckEncoder,
  type DenseNetwork,
  gaussianParameters,
} from './bottleneck-networks.js';
export {
  type NoisyMlpCritic,
  type NoisyMlpCriticOptions,
  noisyMlpCritic,
} from './noisy-mlp-critic.js';
