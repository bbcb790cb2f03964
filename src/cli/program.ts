import { Command, Option } from 'commander';
import { configFromEnv, startServer } from '../http/server.js';
import { diffCommand } from './commands/diff.js';
import { evaluateCommand } from './commands/evaluate.js';
import { replayCommand } from './commands/replay.js';
import { testCommand } from './commands/test.js';
import { validateCommand } from './commands/validate.js';
import { languageOfLocale, languages } from '../messages/languages.js';
import type { Language } from '../messages/languages.js';
import type { Output } from './output.js';

const DEFAULT_POLICIES_DIR = './policies';

/** The `policy` command line: thin adapters that call the library and set the exit code. */
export function buildProgram(output: Output, exit: (code: number) => void): Command {
  const program = new Command('policy')
    .description('Validate, test, compare and evaluate contract-terms policies.')
    .option('--verbose', 'print stack traces of unexpected errors')
    .addOption(new Option('--lang <language>', 'the language of messages and decisions (default: from LC_ALL, LC_MESSAGES or LANG, else en)').choices(languages))
    .configureOutput({ writeOut: (text) => output.out(text.trimEnd()), writeErr: (text) => output.err(text.trimEnd()) })
    .exitOverride();
  const language = (): Language => (program.opts<{ lang?: Language }>().lang ?? languageOfLocale(process.env));

  program
    .command('validate')
    .description('Check every policy file in a folder; print each problem as file:line:col CODE message, or one summary line per policy.')
    .argument('[dir]', 'the policies folder', DEFAULT_POLICIES_DIR)
    .action(async (dir: string) => exit(await validateCommand(dir, output, language())));

  program
    .command('evaluate')
    .description('Print the decision for a case file: the body of POST /v1/evaluate, as JSON or YAML.')
    .argument('<case>', 'the case file')
    .option('-p, --policies <dir>', 'the policies folder', DEFAULT_POLICIES_DIR)
    .option('--pretty', 'indent the JSON for reading', false)
    .action(async (caseFile: string, options: { policies: string; pretty: boolean }) => exit(await evaluateCommand(caseFile, options, output, language())));

  program
    .command('test')
    .description("Run every policy's scenario cases (policies/<id>/cases/*.yaml) through the real pipeline; exit non-zero on any failure.")
    .argument('[dir]', 'the policies folder', DEFAULT_POLICIES_DIR)
    .action(async (dir: string) => exit(await testCommand(dir, output, language())));

  program
    .command('diff')
    .description('List the terms that differ between two versions of a policy and every scenario whose outcome differs; exit 1 when any outcome changed.')
    .argument('<policy>', 'the policy id')
    .argument('<versionA>', 'the version to compare from')
    .argument('<versionB>', 'the version to compare to')
    .option('-p, --policies <dir>', 'the policies folder', DEFAULT_POLICIES_DIR)
    .option('--cases <dir>', 'the scenario cases to compare on (default: the policy\'s cases folder)')
    .action(async (policy: string, versionA: string, versionB: string, options: { policies: string; cases?: string }) => exit(await diffCommand(policy, versionA, versionB, options, output, language())));

  program
    .command('replay')
    .description('Re-evaluate the decisions of a decision log (DECISION_LOG) and report every one that would now differ; exit 1 when any does.')
    .argument('<log>', 'the NDJSON decision log')
    .option('-p, --policies <dir>', 'the policies folder', DEFAULT_POLICIES_DIR)
    .option('--version <version>', 'judge every decision under this version instead of the one each request would now get')
    .action(async (log: string, options: { policies: string; version?: string }) => exit(await replayCommand(log, options, output, language())));

  program
    .command('serve')
    .description('Serve the HTTP API (as `npm start`), reloading policies when they change.')
    .option('-p, --policies <dir>', 'the policies folder', process.env['POLICIES_DIR'] ?? DEFAULT_POLICIES_DIR)
    .option('--host <host>', 'the address to listen on', process.env['HOST'] ?? '127.0.0.1')
    .option('--port <port>', 'the port to listen on', process.env['PORT'] ?? '3000')
    .action(async (options: { policies: string; host: string; port: string }) => {
      const app = await startServer({ ...configFromEnv(process.env), policiesDir: options.policies, host: options.host, port: Number(options.port) });
      if (!app) exit(1);
    });

  return program;
}
