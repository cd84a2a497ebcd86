import { describe, expect, it } from 'vitest';
import { runTrainingLoop } from './training-loop.js';

/** A trainer whose "tensors" are step numbers, recording what the loop did with them. */
function counter(start = 0) {
  let done = start;
  const events: string[] = [];
  return {
    events,
    trainer: {
      done: () => done,
      step: () => ++done,
      read: async (step: number, t: number) => `log ${step}/${t}`,
      dispose: (t: number) => void events.push(`dispose ${t}`),
      checkpoint: async () => `ckpt ${done}`,
    },
  };
}

describe('runTrainingLoop', () => {
  it('logs every logEvery and at the last, disposes every step, checkpoints on schedule', async () => {
    const { trainer, events } = counter();
    const logs: string[] = [];
    const checkpoints: string[] = [];
    const r = await runTrainingLoop(trainer, {
      iterations: 5,
      logEvery: 2,
      onStep: (l) => void logs.push(l),
      checkpointEvery: 3,
      onCheckpoint: (c) => void checkpoints.push(c),
    });
    expect(r).toEqual({ step: 5, aborted: false });
    expect(logs).toEqual(['log 2/2', 'log 4/4', 'log 5/5']);
    expect(events).toEqual([1, 2, 3, 4, 5].map((t) => `dispose ${t}`));
    expect(checkpoints).toEqual(['ckpt 3']);
  });

  it('continues a restored trainer, stops on an aborted signal, rejects bad targets by name', async () => {
    const { trainer } = counter(4);
    expect(await runTrainingLoop(trainer, { iterations: 6 })).toEqual({ step: 6, aborted: false });
    const controller = new AbortController();
    controller.abort();
    expect(await runTrainingLoop(trainer, { iterations: 9, signal: controller.signal })).toEqual({
      step: 6,
      aborted: true,
    });
    await expect(runTrainingLoop(trainer, { iterations: -1 })).rejects.toThrow(/iterations/);
    await expect(runTrainingLoop(trainer, { iterations: 9, logEvery: 0 })).rejects.toThrow(
      /logEvery/,
    );
  });
});
