import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { defineEstimate } from './commands/estimate.js';
import { EXIT, errorLine, isUserError } from './errors.js';

function version(): string {
  try {
    // dist/bin.js and src/cli.ts both sit one level below package.json.
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    return String(pkg.version);
  } catch {
    return 'unknown';
  }
}

function wantsStack(argv: readonly string[]): boolean {
  return argv.includes('--verbose') || /(^|,)\s*(mine|\*)\s*(,|$)/.test(process.env.DEBUG ?? '');
}

/** Builds the `mine` program; output and exits are left to {@link main}. */
export function createProgram(done: (code: number) => void): Command {
  const program = new Command('mine')
    .description('Mutual information estimation (MINE and friends) on your own data files.')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Example:
  $ mine estimate data.csv --x 0-19 --z 20-39
  $ mine estimate --help        all options, formats and output`,
    );
  defineEstimate(program.command('estimate'), done);
  return program;
}

/**
 * Runs `mine` with `argv` (without node and script) and returns the exit code: 0 ok, 2 bad input
 * or usage, 1 internal error. Nothing but results goes to stdout.
 */
export async function main(argv: readonly string[]): Promise<number> {
  // Anything a dependency logs goes to stderr, so stdout holds only our report.
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
  let code: number = EXIT.ok;
  const program = createProgram((c) => {
    code = c;
  });
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.help' ||
        error.code === 'commander.version'
      ) {
        return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      }
      process.stderr.write(`${errorLine(new Error(error.message.replace(/^error:\s*/, '')))}\n`);
      return EXIT.usage;
    }
    if (isUserError(error)) {
      process.stderr.write(`${errorLine(error)}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `${errorLine(new Error(`internal error: ${message}`))}${wantsStack(argv) ? '' : ' (--verbose or DEBUG=mine shows the stack)'}\n`,
    );
    if (wantsStack(argv) && error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}\n`);
    }
    return EXIT.internal;
  }
}
