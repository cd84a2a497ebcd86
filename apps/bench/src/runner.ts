import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { InvalidArgumentError } from '@mine/core';
import { selectBackend, wasmThreadCount } from '@mine/core/backend';
import * as tf from '@tensorflow/tfjs-core';
import { writeFileAtomic } from '@tools/plot';
import { BENCHMARKS } from './benchmarks/index.js';
import { toMarkdown } from './markdown.js';
import { round } from './timing.js';
import type { Benchmark, BenchRecord } from './types.js';

export interface RunOptions {
  /** Benchmark ids (case-insensitive), or "all". */
  ids: readonly string[];
  /** @default false */
  quick?: boolean;
  /** Print one JSON object per benchmark on stdout instead of markdown. @default false */
  json?: boolean;
  /** Folder for <ID>.json and <ID>.md. @default 'results/bench' */
  out?: string;
  /** @default 'auto' */
  backend?: string;
  /** @default 0 */
  seed?: number;
  /** Where results go. @default process.stdout */
  stdout?: (text: string) => void;
  /** Where progress goes. @default process.stderr */
  log?: (message: string) => void;
}

/** Resolves ids to benchmarks, rejecting unknown ones with the list of choices. */
export function findBenchmarks(ids: readonly string[]): Benchmark[] {
  if (ids.some((id) => id.toLowerCase() === 'all')) return [...BENCHMARKS];
  const known = BENCHMARKS.map((b) => b.id).join(', ');
  return ids.map((id) => {
    const found = BENCHMARKS.find((b) => b.id.toLowerCase() === id.toLowerCase());
    if (!found) {
      throw new InvalidArgumentError({
        argument: 'ID',
        message: `unknown benchmark "${id}". Should be one of: ${known}, all.`,
      });
    }
    return found;
  });
}

/** Runs the benchmarks in order, writing <out>/<ID>.json and <out>/<ID>.md for each. */
export async function runBenchmarks(options: RunOptions): Promise<BenchRecord[]> {
  const benchmarks = findBenchmarks(options.ids);
  const stdout = options.stdout ?? ((text: string) => process.stdout.write(text));
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const config = {
    quick: options.quick ?? false,
    seed: options.seed ?? 0,
    backend: options.backend ?? 'auto',
  };
  const out = resolve(options.out ?? join('results', 'bench'));
  const backend = await selectBackend(config.backend, { log });
  const records: BenchRecord[] = [];
  for (const benchmark of benchmarks) {
    log(`[bench] ${benchmark.id}: ${benchmark.title}${config.quick ? ' (quick)' : ''}`);
    const timestamp = new Date().toISOString();
    const start = performance.now();
    const results = await benchmark.run({
      quick: config.quick,
      seed: config.seed,
      backend,
      log,
      out,
    });
    const record: BenchRecord = {
      id: benchmark.id,
      title: benchmark.title,
      timestamp,
      durationMs: Math.round(performance.now() - start),
      config,
      environment: {
        backend: tf.getBackend(),
        wasmThreads: await wasmThreadCount(),
        node: process.version,
        platform: process.platform,
        arch: process.arch,
        cpu: cpus()[0]?.model.trim() ?? 'unknown',
        cpus: cpus().length,
        loadAverage: round(loadavg()[0]!, 2),
        tfjs: tf.version_core,
      },
      results,
    };
    const markdown = toMarkdown(record);
    await writeFileAtomic(join(out, `${record.id}.json`), `${JSON.stringify(record, null, 2)}\n`);
    await writeFileAtomic(join(out, `${record.id}.md`), markdown);
    log(`[bench] ${record.id}: wrote ${join(out, `${record.id}.json`)} and .md`);
    stdout(options.json ? `${JSON.stringify(record)}\n` : markdown);
    records.push(record);
  }
  return records;
}
