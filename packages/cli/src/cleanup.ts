import { rmdirSync, unlinkSync } from 'node:fs';

// Paths that must not outlive an unfinished write: temporary files, and folders created for
// --out that do not hold a result yet. They are removed on every way out of the process: a normal
// end, an error, process.exit (a second Ctrl-C) and the signals of `exitOnSignals`.
const files = new Set<string>();
const folders: string[] = [];
let hooked = false;

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', removePending);
}

/** Removes `path` if the process exits before {@link release} is called for it. */
export function trackFile(path: string): void {
  hook();
  files.add(path);
}

/** Removes the (empty) folder `path` on exit unless released; deeper folders go first. */
export function trackFolder(path: string): void {
  hook();
  folders.push(path);
}

/** `path` is finished (renamed into place, or already removed): keep it. */
export function release(path: string): void {
  files.delete(path);
  const at = folders.indexOf(path);
  if (at >= 0) folders.splice(at, 1);
}

/** Removes every tracked file, then the tracked folders that are empty, deepest first. */
export function removePending(): void {
  for (const path of files) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone.
    }
  }
  files.clear();
  for (const path of folders.splice(0).reverse()) {
    try {
      rmdirSync(path);
    } catch {
      // Not empty (it holds something else now) or already gone: leave it.
    }
  }
}

const SIGNALS = { SIGTERM: 15, SIGHUP: 1 } as const;

/**
 * SIGTERM and SIGHUP end the process through process.exit (exit code 128 + signal number), so
 * the 'exit' cleanup runs; by default Node dies on them without running it. SIGINT is handled by
 * the command (the first Ctrl-C stops training, the second quits).
 */
export function exitOnSignals(): void {
  for (const [signal, number] of Object.entries(SIGNALS)) {
    process.once(signal, () => {
      process.stderr.write(`mine: ${signal}: stopped\n`);
      process.exit(128 + number);
    });
  }
}
