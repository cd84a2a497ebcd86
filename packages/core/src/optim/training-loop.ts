import { assertArgument, assertPositiveInteger } from '../errors.js';

/** What a trainer's `train`/`fit` takes: the target and the hooks. */
export interface TrainingLoopOptions<L, C> {
  /** Train until this many iterations are done in total (a restored trainer continues). */
  iterations: number;
  /** Read diagnostics and call `onStep` every this many iterations (and at the last). @default 100 */
  logEvery?: number;
  onStep?: (log: L) => void | Promise<void>;
  /** Call `onCheckpoint` every this many iterations. @default never */
  checkpointEvery?: number;
  onCheckpoint?: (checkpoint: C) => void | Promise<void>;
  /** Stops after the current iteration. */
  signal?: AbortSignal;
}

/** How a trainer steps: one iteration's tensors, read back or disposed, and its checkpoint. */
export interface TrainingLoopTrainer<T, L, C> {
  /** Iterations done so far. */
  done(): number;
  step(): T | Promise<T>;
  /** Reads iteration `step`'s diagnostics (does not dispose them). */
  read(step: number, tensors: T): Promise<L>;
  dispose(tensors: T): void;
  checkpoint(): Promise<C>;
}

/**
 * The loop every trainer runs: steps until `iterations` are done, reads diagnostics only every
 * `logEvery` iterations (reading waits for the backend), yields to the event loop at each log so
 * `signal` can fire, and hands out checkpoints every `checkpointEvery` iterations.
 */
export async function runTrainingLoop<T, L, C>(
  trainer: TrainingLoopTrainer<T, L, C>,
  options: TrainingLoopOptions<L, C>,
): Promise<{ step: number; aborted: boolean }> {
  const { iterations, logEvery = 100, onStep, checkpointEvery, onCheckpoint, signal } = options;
  assertArgument(
    Number.isInteger(iterations) && iterations >= 0,
    'iterations',
    () => `must be a non-negative integer, got ${iterations}`,
  );
  assertPositiveInteger(logEvery, 'logEvery');
  while (trainer.done() < iterations) {
    if (signal?.aborted) return { step: trainer.done(), aborted: true };
    const tensors = await trainer.step();
    const step = trainer.done();
    if (step % logEvery === 0 || step === iterations) {
      if (onStep) {
        const log = await trainer.read(step, tensors);
        trainer.dispose(tensors);
        await onStep(log);
      } else {
        trainer.dispose(tensors);
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    } else {
      trainer.dispose(tensors);
    }
    if (onCheckpoint && checkpointEvery && step % checkpointEvery === 0) {
      await onCheckpoint(await trainer.checkpoint());
    }
  }
  return { step: trainer.done(), aborted: false };
}
