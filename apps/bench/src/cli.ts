import { resolve } from 'node:path';
import { MineError } from '@mine/core';
import { defineCommand, runMain } from 'citty';
import { BENCHMARKS } from './benchmarks/index.js';
import { runBenchmarks } from './runner.js';

const ids = BENCHMARKS.map((b) => b.id).join(', ');

const main = defineCommand({
  meta: {
    name: 'bench',
    description: `Runs benchmarks by id (${ids}, or all); writes <out>/<ID>.json and <ID>.md.`,
  },
  args: {
    ids: { type: 'positional', required: false, description: 'benchmark ids, or "all"' },
    quick: { type: 'boolean', default: false, description: 'small configuration (seconds)' },
    json: { type: 'boolean', default: false, description: 'print one JSON object per benchmark' },
    out: { type: 'string', default: 'results/bench', description: 'output folder' },
    backend: {
      type: 'string',
      default: 'auto',
      description: 'auto, tensorflow, webgpu, wasm, cpu',
    },
    seed: { type: 'string', default: '0', description: 'random seed' },
  },
  async run({ args }) {
    const requested = args._.map(String);
    if (requested.length === 0) {
      for (const b of BENCHMARKS) process.stdout.write(`${b.id}\t${b.title}\n`);
      return;
    }
    // Whatever a library prints must not mix with the results on stdout.
    console.log = console.error;
    // pnpm runs scripts in the package folder; relative paths mean the caller's folder.
    const base = process.env.INIT_CWD ?? process.cwd();
    try {
      const seed = Number(args.seed);
      if (!Number.isInteger(seed)) {
        throw new MineError(`--seed must be an integer, got "${args.seed}".`);
      }
      await runBenchmarks({
        ids: requested,
        quick: args.quick,
        json: args.json,
        out: resolve(base, args.out),
        backend: args.backend,
        seed,
      });
    } catch (error) {
      // Our own errors are for people: the message, no stack.
      if (!MineError.isInstance(error)) throw error;
      process.stderr.write(`bench: ${error.message}\n`);
      process.exitCode = 1;
    }
  },
});

runMain(main);
