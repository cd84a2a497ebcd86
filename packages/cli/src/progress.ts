import cliProgress from 'cli-progress';

export interface ProgressUpdate {
  step: number;
  steps: number;
  heldOut?: number;
}

export interface Progress {
  update(event: ProgressUpdate): void;
  stop(): void;
}

const NOOP: Progress = { update() {}, stop() {} };

/**
 * A training progress bar on stderr, or nothing when stderr is not a terminal (pipes, CI, log
 * files) or when `quiet`. stdout is never touched.
 */
export function createProgress(quiet: boolean): Progress {
  if (quiet || !process.stderr.isTTY) return NOOP;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format:
        'training |{bar}| {value}/{total} steps | held-out {heldOut} nats | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let heldOut = '-';
  return {
    update({ step, steps, heldOut: value }) {
      if (value !== undefined && Number.isFinite(value)) heldOut = value.toFixed(3);
      if (!started) {
        bar.start(steps, step, { heldOut });
        started = true;
      } else {
        bar.update(step, { heldOut });
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
