// The MNIST digit classifier (needs the peer @tensorflow/tfjs-layers).
export {
  type DigitClassifierOptions,
  digitClassifier,
  predictClasses,
} from './digit-classifier.js';
