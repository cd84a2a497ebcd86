import { exitOnSignals } from './cleanup.js';
import { main } from './cli.js';
import { EXIT } from './errors.js';

// `mine ... | head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
exitOnSignals();

const code = await main(process.argv.slice(2));
// An interrupted ksg may still have worker threads running: they must not hold the exit.
if (code === EXIT.interrupted) process.exit(code);
process.exitCode = code;
