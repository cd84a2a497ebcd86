// Test support: a digit "classifier" whose answers are known in advance.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * A stand-in for the digit classifier that reads a digit from brightness: a constant image of
 * value v ∈ [0, 1] gets class round(9v) (logit_k = 2·v·k/9 − (k/9)², the negative squared
 * distance to k/9 up to a term equal for every class).
 */
export function brightnessClassifier(): tfl.Sequential {
  const model = tfl.sequential({
    layers: [
      tfl.layers.flatten({ inputShape: [28, 28, 1] }),
      tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  const kernel = new Float32Array(784 * 10);
  for (let p = 0; p < 784; p++) for (let k = 0; k < 10; k++) kernel[p * 10 + k] = (2 * k) / 9 / 784;
  const bias = Float32Array.from({ length: 10 }, (_, k) => -((k / 9) ** 2));
  model.layers[1]!.setWeights([tf.tensor2d(kernel, [784, 10]), tf.tensor1d(bias)]);
  return model;
}
