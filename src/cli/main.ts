import { CommanderError } from 'commander';
import { isLanguage, languageOfLocale } from '../messages/languages.js';
import { say } from '../messages/catalog.js';
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
    const asked = process.argv[process.argv.indexOf('--lang') + 1];
    const language = isLanguage(asked) ? asked : languageOfLocale(process.env);
    processOutput.err(verbose && error instanceof Error ? (error.stack ?? error.message) : say(language, 'cli.error', { message: error instanceof Error ? error.message : String(error) }));
    process.exitCode = 2;
  }
}
