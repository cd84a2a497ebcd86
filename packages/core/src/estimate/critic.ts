import { concatCritic } from '../critics/concat-critic.js';
import { separableCritic } from '../critics/separable-critic.js';
import { assertArgument } from '../errors.js';
import type { Critic } from '../types.js';
import type { Shape } from './data.js';
import type { Settings } from './settings.js';

/** The critic of an estimate: the caller's, or the architecture asked for (else the objective's). */
export function buildCritic(s: Settings, shape: Shape): Critic {
  const { xCols, zCols } = shape;
  if (typeof s.critic === 'object') {
    const critic = s.critic;
    assertArgument(
      critic.xDim === xCols && critic.zDim === zCols,
      'critic',
      () => `expects ${critic.xDim}+${critic.zDim} columns, data has ${xCols}+${zCols}`,
    );
    return critic;
  }
  const options = {
    xDim: xCols,
    zDim: zCols,
    hidden: s.hidden,
    activation: s.activation,
    seed: s.seed,
  };
  return (s.critic ?? s.objective.defaultCritic) === 'separable'
    ? separableCritic(options)
    : concatCritic(options);
}
