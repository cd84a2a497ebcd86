// The two MI critics live in @mine/core so its one-call estimator needs no other package;
// they are re-exported here beside the other architectures.
export {
  type ConcatCriticOptions,
  concatCritic,
  type SeparableCriticOptions,
  separableCritic,
} from '@mine/core';
// The bidirectional (ALI, ALICE, ALI+MINE) networks of the MNIST experiment (Tables 7-10).
export * from './ali/index.js';
// The DCGAN networks of the Stacked-MNIST experiment (Tables 4-5).
export * from './dcgan/index.js';
// The fully connected GAN networks of the spiral / 25-Gaussians experiments (Sec. 8.1.2).
export * from './gan/index.js';
// The Information Bottleneck networks of Table 3 / Table 15 (Sec. 8.1.5).
export * from './ib/index.js';
