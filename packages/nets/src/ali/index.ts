export { type AliDecoder, type AliDecoderOptions, aliDecoder } from './ali-decoder.js';
export {
  type AliDiscriminator,
  type AliDiscriminatorOptions,
  aliDiscriminator,
} from './ali-discriminator.js';
export { type AliEncoder, type AliEncoderOptions, aliEncoder } from './ali-encoder.js';
export {
  type AliStatisticsNetworkOptions,
  aliStatisticsNetwork,
} from './ali-statistics-network.js';
export { aliSizes } from './sizes.js';
