import { CommanderError } from 'commander';
import { processOutput } from './output.js';
import { buildProgram } from './program.js';

// A reader that stops early (`policy test | head`) closes the pipe: stop writing quietly, as other command-line tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') processOutput.err(`error: cannot write the output (${error.code ?? error.message})`);
});

const program = buildProgram(processOutput, (code) => {
  process.exitCode = code;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else {
    const verbose = process.argv.includes('--verbose');
    processOutput.err(verbose && error instanceof Error ? (error.stack ?? error.message) : `error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
