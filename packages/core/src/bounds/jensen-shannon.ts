import * as tf from '@tensorflow/tfjs-core';
import type { Bound } from '../types.js';

/**
 * Jensen-Shannon training objective (f-GAN form): E_P[−softplus(−T)] − E_Q[softplus(T)].
 * Not an MI bound itself; it trains T towards the log density ratio, which a DV or NWJ
 * read-out then turns into an estimate (Hjelm et al., 2019; Poole et al., 2019).
 */
export const jensenShannon: Bound = (joint, marginal) =>
  tf.tidy(
    () =>
      tf.sub(
        tf.neg(tf.mean(tf.softplus(tf.neg(joint)))),
        tf.mean(tf.softplus(marginal)),
      ) as tf.Scalar,
  );
