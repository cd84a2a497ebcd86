import { assertArgument, type Critic, type Rng } from '@mine/core';
import {
  type ApplyOptions,
  convStatisticsNetwork,
  dcganDiscriminator,
  dcganGenerator,
  mlpDiscriminator,
  mlpGenerator,
  mlpStatisticsNetwork,
  type Network,
  type WeightInit,
} from '@mine/nets';
import * as tf from '@tensorflow/tfjs-core';

/** Which networks a `GanTrainer` builds. */
export const GAN_ARCHITECTURES = ['mlp', 'dcgan'] as const;
/**
 * - `mlp`: the fully connected networks of the spiral / 25-Gaussians experiments (Sec. 8.1.2),
 *   samples as rows of `dataDim` values.
 * - `dcgan`: the Stacked-MNIST networks, generator (Table 4) and discriminator (Table 5) of
 *   DCGAN and the z-conditioned convolutional statistics network (Table 6), all scaled by
 *   `width`; samples are 28×28 images of dataDim / 784 channels.
 */
export type GanArchitecture = (typeof GAN_ARCHITECTURES)[number];

/** Image side of the DCGAN networks (Table 4's generator ends at 28×28). */
export const DCGAN_SIZE = 28;

/** A generator as the trainer uses it: prior rows [n, zDim] → samples in `sampleShape`. */
export interface GanGenerator extends Network {
  readonly nonTrainableVariables: readonly tf.Variable[];
  apply(z: tf.Tensor2D, options?: ApplyOptions): tf.Tensor;
}

/** A discriminator as the trainer uses it: samples → logits [n]. */
export interface GanDiscriminator extends Network {
  apply(x: tf.Tensor, options?: ApplyOptions): tf.Tensor1D;
}

export interface GanNetworks {
  generator: GanGenerator;
  discriminator: GanDiscriminator;
  /** The statistics network T(x, c) on flattened samples; null when not asked for. */
  statistics: Critic | null;
  /** The shape of one sample as the generator returns it and the discriminator takes it. */
  sampleShape: number[];
}

export interface NetworkSpec {
  architecture: GanArchitecture;
  dataDim: number;
  /** Columns of the prior z = [ε, c]. */
  inputDim: number;
  codeDim: number;
  /** DCGAN and Table 6 width multiplier. */
  width: number;
  generatorHidden: readonly number[];
  discriminatorHidden: readonly number[];
  statisticsHidden: readonly number[];
  weightInit: WeightInit;
  withStatistics: boolean;
}

/** Channels of a DCGAN sample of `dataDim` values, or an error naming `dataDim`. */
export function dcganChannels(dataDim: number): number {
  const pixels = DCGAN_SIZE * DCGAN_SIZE;
  assertArgument(
    dataDim % pixels === 0,
    'dataDim',
    () => `must be 28·28·channels for the dcgan architecture, got ${dataDim}`,
  );
  return dataDim / pixels;
}

/**
 * Builds the three networks of `spec`, drawing their initialisation seeds from `seeds` in the
 * order generator, discriminator, statistics network.
 */
export function buildNetworks(spec: NetworkSpec, seeds: Rng): GanNetworks {
  const generatorSeed = seeds.seed();
  const discriminatorSeed = seeds.seed();
  const statisticsSeed = seeds.seed();
  if (spec.architecture === 'dcgan') {
    const channels = dcganChannels(spec.dataDim);
    const g = dcganGenerator({
      inputDim: spec.inputDim,
      channels,
      width: spec.width,
      weightInit: spec.weightInit,
      seed: generatorSeed,
    });
    const d = dcganDiscriminator({
      channels,
      width: spec.width,
      weightInit: spec.weightInit,
      seed: discriminatorSeed,
    });
    return {
      generator: g,
      discriminator: {
        trainableVariables: d.trainableVariables,
        variables: d.variables,
        apply: (x, options) =>
          tf.tidy(() => tf.reshape(d.apply(x as tf.Tensor4D, options), [-1]) as tf.Tensor1D),
        dispose: () => d.dispose(),
      },
      statistics: spec.withStatistics
        ? convStatisticsNetwork({
            size: DCGAN_SIZE,
            channels,
            zDim: spec.codeDim,
            width: spec.width,
            // As the MLP statistics network (core's Glorot-uniform): with DCGAN's N(0, 0.02²)
            // kernels its five layers scale the score down to ~1e-7, and T learns nothing.
            weightInit: 'glorotUniform',
            seed: statisticsSeed,
          })
        : null,
      sampleShape: [DCGAN_SIZE, DCGAN_SIZE, channels],
    };
  }
  const d = mlpDiscriminator({
    inputDim: spec.dataDim,
    hidden: spec.discriminatorHidden,
    weightInit: spec.weightInit,
    seed: discriminatorSeed,
  });
  return {
    generator: mlpGenerator({
      inputDim: spec.inputDim,
      outputDim: spec.dataDim,
      hidden: spec.generatorHidden,
      weightInit: spec.weightInit,
      seed: generatorSeed,
    }),
    // No batch norm in the MLP discriminator: the options have nothing to switch.
    discriminator: {
      trainableVariables: d.trainableVariables,
      variables: d.variables,
      apply: (x) => d.apply(x as tf.Tensor2D),
      dispose: () => d.dispose(),
    },
    statistics: spec.withStatistics
      ? mlpStatisticsNetwork({
          xDim: spec.dataDim,
          codeDim: spec.codeDim,
          hidden: spec.statisticsHidden,
          seed: statisticsSeed,
        })
      : null,
    sampleShape: [spec.dataDim],
  };
}
