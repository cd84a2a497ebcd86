import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

export interface DigitClassifierOptions {
  /** Image height, width, channels. @default [28, 28, 1] */
  inputShape?: [number, number, number];
  /** @default 10 */
  classes?: number;
  /** Seed of the Glorot-uniform kernels. @default 0 */
  seed?: number;
}

/**
 * The digit classifier that scores generated MNIST images (mode counting for Table 1,
 * reconstruction accuracy for Table 2): conv 16 3x3 ReLU → max-pool 2 → conv 32 3x3 ReLU →
 * max-pool 2 → dense 128 ReLU → dense `classes` softmax ("same" padding; ~2.4 MFLOP per 28x28
 * image). A tfjs-layers model, so it saves and loads with tfjs io (model.json + weights).
 * Inputs are pixels in [0, 1], [n, 28, 28, 1].
 */
export function digitClassifier(options: DigitClassifierOptions = {}): tfl.Sequential {
  const { inputShape = [28, 28, 1], classes = 10, seed = 0 } = options;
  let layerSeed = seed;
  const kernelInitializer = () => tfl.initializers.glorotUniform({ seed: layerSeed++ });
  const model = tfl.sequential({ name: 'digit_classifier' });
  model.add(
    tfl.layers.conv2d({
      inputShape,
      filters: 16,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: kernelInitializer(),
    }),
  );
  model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  model.add(
    tfl.layers.conv2d({
      filters: 32,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: kernelInitializer(),
    }),
  );
  model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tfl.layers.flatten());
  model.add(
    tfl.layers.dense({ units: 128, activation: 'relu', kernelInitializer: kernelInitializer() }),
  );
  model.add(
    tfl.layers.dense({
      units: classes,
      activation: 'softmax',
      kernelInitializer: kernelInitializer(),
    }),
  );
  return model;
}

/** Class indices predicted for images [n, h, w, c] in [0, 1], in batches of `batchSize`. */
export async function predictClasses(
  model: tfl.LayersModel,
  images: tf.Tensor4D,
  batchSize = 500,
): Promise<Int32Array> {
  const n = images.shape[0];
  const out = new Int32Array(n);
  for (let from = 0; from < n; from += batchSize) {
    const size = Math.min(batchSize, n - from);
    const classes = tf.tidy(() =>
      tf.argMax(model.predict(tf.slice(images, from, size)) as tf.Tensor2D, 1),
    );
    out.set(await classes.data(), from);
    classes.dispose();
  }
  return out;
}
