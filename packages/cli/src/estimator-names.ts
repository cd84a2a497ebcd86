import { NEURAL_ESTIMATORS } from '@mine/core';

/** Every estimator `mine estimate` offers: the neural ones of @mine/core, then KSG and Gaussian. */
export const ESTIMATORS = [...NEURAL_ESTIMATORS, 'ksg', 'gaussian'] as const;
export type EstimatorName = (typeof ESTIMATORS)[number];

export function isNeural(name: EstimatorName): boolean {
  return (NEURAL_ESTIMATORS as readonly string[]).includes(name);
}
