import type { Benchmark } from '../types.js';
import * as B1 from './b1-throughput.js';
import * as B2 from './b2-scaling.js';
import * as B3 from './b3-ksg.js';
import * as B4 from './b4-memory.js';
import * as B5 from './b5-accuracy.js';
import * as B6 from './b6-sweep.js';
import * as K1 from './k1-kernels.js';
import * as K2 from './k2-conv.js';

/**
 * Every benchmark, in run order. To add one, write src/benchmarks/<id>-<name>.ts exporting `id`,
 * `title` and `run` (see Benchmark), import it here and list it.
 */
export const BENCHMARKS: readonly Benchmark[] = [K1, K2, B1, B2, B3, B4, B5, B6];
