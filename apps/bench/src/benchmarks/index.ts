import type { Benchmark } from '../types.js';
import * as K1 from './k1-kernels.js';

/**
 * Every benchmark, in run order. To add one, write src/benchmarks/<id>-<name>.ts exporting `id`,
 * `title` and `run` (see Benchmark), import it here and list it.
 */
export const BENCHMARKS: readonly Benchmark[] = [K1];
