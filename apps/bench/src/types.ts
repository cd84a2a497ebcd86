/** What every benchmark receives. */
export interface BenchOptions {
  /** A small configuration that finishes in seconds (smoke tests, CI). */
  quick: boolean;
  /** Seed for every random choice the benchmark makes. */
  seed: number;
  /** The tfjs backend now active (already selected by the runner). */
  backend: string;
  /** The output folder, for extra files such as plots. */
  out: string;
  /** Progress messages; they go to stderr, never stdout. */
  log: (message: string) => void;
}

/**
 * One benchmark: a module src/benchmarks/<id>-<name>.ts exporting `id`, `title` and `run`, listed in
 * src/benchmarks/index.ts. `run` returns plain JSON data; arrays of flat objects become markdown
 * tables, other values a metric/value table.
 */
export interface Benchmark {
  readonly id: string;
  readonly title: string;
  run(options: BenchOptions): Promise<Record<string, unknown>>;
}

/** What the runner writes to <out>/<ID>.json and prints with --json. */
export interface BenchRecord {
  id: string;
  title: string;
  /** ISO 8601, when the benchmark started. */
  timestamp: string;
  durationMs: number;
  config: { quick: boolean; seed: number; backend: string };
  environment: {
    backend: string;
    /** Threads of the wasm backend (1 on other backends). */
    wasmThreads: number;
    node: string;
    platform: string;
    arch: string;
    cpu: string;
    cpus: number;
    /** 1-minute load average when the benchmark ended: timings are noisy when it exceeds cpus. */
    loadAverage: number;
    tfjs: string;
  };
  results: Record<string, unknown>;
}
