/** An unconditional data set of points in R^dim (the GAN toy sets of Sec. 5.1 / 8.1.2). */
export interface PointSet {
  readonly name: string;
  readonly dim: number;
  /** Draws n points, row-major [n, dim]; equal seeds give equal points. */
  sample(n: number, seed: number): Float32Array;
  /**
   * The fixed training set: `sample(n, seed)` with the paper's size (Sec. 8.1.2 uses 100,000
   * examples). @default n = 100_000, seed = 0
   */
  dataset(n?: number, seed?: number): Float32Array;
}

/** Default size of the materialised toy data sets (Sec. 8.1.2). */
export const DEFAULT_DATASET_SIZE = 100_000;
