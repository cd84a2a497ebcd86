// Built into dist/tfjs-gradients.js by tsup.config.ts: tfjs-core's own gradient functions.
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
