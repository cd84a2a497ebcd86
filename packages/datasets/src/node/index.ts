// Node-only readers (node:fs, node:zlib): the MNIST family from IDX files, folders of JPEG/PNG images. The samplers and the
// format code in the main entry run anywhere.
export { ChecksumError, readIdxFile, sha256 } from './files.js';
export {
  type LoadImageFolderOptions,
  loadCelebA,
  loadImageFolder,
} from './image-folder.js';
export {
  DEBIAN_FASHION_MNIST_DIR,
  type LoadMnistOptions,
  loadFashionMnist,
  loadMnist,
  mnistDataDir,
  type Split,
} from './mnist.js';
