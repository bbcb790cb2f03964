import { CommanderError } from 'commander';
import { processOutput } from './output.js';
import { buildProgram } from './program.js';

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
