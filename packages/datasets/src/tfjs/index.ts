// tfjs-data pipelines over the image sets (needs the peers @tensorflow/tfjs-core and -data).
export {
  batchesPerEpoch,
  type ImageBatch,
  type ImageBatchesOptions,
  imageBatches,
} from './image-batches.js';
