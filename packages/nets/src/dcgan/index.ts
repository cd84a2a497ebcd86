export {
  type ConvStatisticsNetwork,
  type ConvStatisticsNetworkOptions,
  convStatisticsNetwork,
} from './conv-statistics-network.js';
export {
  type DcganDiscriminator,
  type DcganDiscriminatorOptions,
  dcganDiscriminator,
} from './dcgan-discriminator.js';
export {
  type DcganGenerator,
  type DcganGeneratorOptions,
  dcganGenerator,
} from './dcgan-generator.js';
