// Node-only readers (node:fs, node:zlib): the MNIST family from IDX files. The samplers and the
// format code in the main entry run anywhere.
export { ChecksumError, readIdxFile, sha256 } from './files.js';
export {
  DEBIAN_FASHION_MNIST_DIR,
  type LoadMnistOptions,
  loadFashionMnist,
  loadMnist,
  mnistDataDir,
  type Split,
} from './mnist.js';
