import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { availableCores, runPool, serveTasks } from './pool.js';

/**
 * A worker from a source string that embeds `serveTasks` (as metrics' KSG workers do): it squares
 * numbers, throws on negative ones and exits on NaN.
 */
function squareWorker(): Worker {
  const source = `'use strict';
var __name = function (target) { return target; };
const { parentPort, threadId } = require('node:worker_threads');
const serveTasks = (${serveTasks.toString()});
serveTasks(parentPort, (n) => {
  if (Number.isNaN(n)) process.exit(3);
  if (n < 0) throw new Error('negative input ' + n);
  return { square: n * n, threadId };
}, { info: 'squares' });
`;
  return new Worker(source, { eval: true });
}

describe('runPool', () => {
  it('runs every task once on the workers and returns results in task order', async () => {
    const tasks = Array.from({ length: 9 }, (_, i) => i);
    const seen: number[] = [];
    const ready: unknown[] = [];
    const results = await runPool<number, { square: number; threadId: number }>(tasks, {
      workers: 2,
      start: squareWorker,
      onResult: (_r, task) => seen.push(task),
      onReady: (info) => ready.push(info),
    });
    expect(results.map((r) => r.square)).toEqual(tasks.map((t) => t * t));
    expect(seen.sort((a, b) => a - b)).toEqual(tasks);
    // Both workers start, but on a busy machine the first may finish every task before the
    // second is ready: at most two threads did the work, each announcing itself once.
    expect(ready.length).toBeGreaterThanOrEqual(1);
    expect(ready.every((r) => r === 'squares')).toBe(true);
    const threads = new Set(results.map((r) => r.threadId));
    expect(threads.size).toBeGreaterThanOrEqual(1);
    expect(threads.size).toBeLessThanOrEqual(2);
  });

  it('starts no more workers than tasks, and none for no tasks', async () => {
    let started = 0;
    const start = () => {
      started++;
      return squareWorker();
    };
    expect(await runPool([3], { workers: 4, start })).toEqual([
      expect.objectContaining({ square: 9 }),
    ]);
    expect(started).toBe(1);
    expect(await runPool([], { workers: 4, start })).toEqual([]);
    expect(started).toBe(1);
  });

  it('rejects with the failed task named and its message', async () => {
    await expect(
      runPool([1, -2, 3], {
        workers: 1,
        start: squareWorker,
        describe: (task) => `square of ${task}`,
      }),
    ).rejects.toThrow('square of -2 failed in a worker: negative input -2');
  });

  it('rejects when a worker exits before the tasks are done', async () => {
    await expect(runPool([1, Number.NaN], { workers: 1, start: squareWorker })).rejects.toThrow(
      'a worker exited (code 3) before finishing',
    );
  });

  it('availableCores is a positive integer', () => {
    expect(Number.isInteger(availableCores())).toBe(true);
    expect(availableCores()).toBeGreaterThanOrEqual(1);
  });
});
