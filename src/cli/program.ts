import { Command } from 'commander';
import { validateCommand } from './commands/validate.js';
import type { Output } from './output.js';

const DEFAULT_POLICIES_DIR = './policies';

/** The `policy` command line: thin adapters that call the library and set the exit code. */
export function buildProgram(output: Output, exit: (code: number) => void): Command {
  const program = new Command('policy')
    .description('Validate, test, compare and evaluate contract-terms policies.')
    .option('--verbose', 'print stack traces of unexpected errors')
    .configureOutput({ writeOut: (text) => output.out(text.trimEnd()), writeErr: (text) => output.err(text.trimEnd()) })
    .exitOverride();

  program
    .command('validate')
    .description('Check every policy file in a folder; print each problem as file:line:col CODE message, or one summary line per policy.')
    .argument('[dir]', 'the policies folder', DEFAULT_POLICIES_DIR)
    .action(async (dir: string) => exit(await validateCommand(dir, output)));

  return program;
}
