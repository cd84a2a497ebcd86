import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { digitClassifier, predictClasses } from './digit-classifier.js';

describe('digitClassifier', () => {
  it('is the documented CNN and predicts one class per image, seeded', async () => {
    const model = digitClassifier({ seed: 4 });
    expect(model.layers.map((l) => l.getClassName())).toEqual([
      'Conv2D',
      'MaxPooling2D',
      'Conv2D',
      'MaxPooling2D',
      'Flatten',
      'Dense',
      'Dense',
    ]);
    expect(model.countParams()).toBe(160 + 4640 + 1568 * 128 + 128 + 1290);
    const images = tf.randomUniform([7, 28, 28, 1], 0, 1, 'float32', 1) as tf.Tensor4D;
    const classes = await predictClasses(model, images, 3);
    expect(classes.length).toBe(7);
    expect(classes.every((c) => c >= 0 && c < 10)).toBe(true);
    const same = digitClassifier({ seed: 4 });
    expect(Array.from(await predictClasses(same, images))).toEqual(Array.from(classes));
    tf.dispose(images);
    model.dispose();
    same.dispose();
  });
});
