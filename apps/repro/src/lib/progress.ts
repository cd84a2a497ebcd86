import cliProgress from 'cli-progress';

export interface Progress {
  tick(label: string): void;
  stop(): void;
}

/**
 * A progress bar on stderr, only when stderr is a terminal (logs and pipes stay clean); stdout is
 * left for the results.
 */
export function createProgress(total: number, title: string, enabled = true): Progress {
  if (!enabled || !process.stderr.isTTY) return { tick() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${title} [{bar}] {value}/{total} runs | {duration_formatted} elapsed | eta {eta_formatted} | {label}`,
      hideCursor: true,
      etaBuffer: 8,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  return {
    tick: (label) => bar.increment(1, { label }),
    stop: () => bar.stop(),
  };
}
