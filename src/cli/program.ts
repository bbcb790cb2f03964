import { Command, Option } from 'commander';
import { serve } from '../http/cluster.js';
import { configFromEnv } from '../http/server.js';
import { diffCommand } from './commands/diff.js';
import { evaluateCommand } from './commands/evaluate.js';
import { evaluateBatchCommand } from './commands/evaluate-batch.js';
import type { BatchOptions } from './commands/evaluate-batch.js';
import { newCommand } from './commands/new.js';
import { publishCommand } from './commands/publish.js';
import { replayCommand } from './commands/replay.js';
import { testCommand } from './commands/test.js';
import { validateCommand } from './commands/validate.js';
import { languageOfLocale, languages } from '../messages/languages.js';
import type { Language } from '../messages/languages.js';
import { say } from '../messages/catalog.js';
import type { MessageKey } from '../messages/catalog.js';
import { localizedHelp } from './help.js';
import type { Output } from './output.js';

const DEFAULT_POLICIES_DIR = './policies';

/** Commander keeps the English text; --help writes each in the language of the run (see help.ts). */
const english = (key: MessageKey): string => say('en', key);

/** The `policy` command line: thin adapters that call the library and set the exit code. */
export function buildProgram(output: Output, exit: (code: number) => void): Command {
  const program = new Command('policy')
    .description(english('cli.help.command.policy'))
    .option('--verbose', english('cli.help.option.verbose'))
    .addOption(new Option('--lang <language>', english('cli.help.option.lang')).choices(languages))
    .configureOutput({ writeOut: (text) => output.out(text.trimEnd()), writeErr: (text) => output.err(text.trimEnd()) })
    .exitOverride();
  const language = (): Language => (program.opts<{ lang?: Language }>().lang ?? languageOfLocale(process.env));
  // Descriptions come from the message catalogs when help is written, in the language of the run.
  program.configureHelp(localizedHelp(language));

  program
    .command('validate')
    .description(english('cli.help.command.validate'))
    .argument('[dir]', english('cli.help.argument.dir'), DEFAULT_POLICIES_DIR)
    .action(async (dir: string) => exit(await validateCommand(dir, output, language())));

  program
    .command('evaluate')
    .description(english('cli.help.command.evaluate'))
    .argument('[case]', english('cli.help.argument.case'))
    .option('-p, --policies <dir>', english('cli.help.option.policies'), DEFAULT_POLICIES_DIR)
    .option('--pretty', english('cli.help.option.pretty'), false)
    .option('--batch <file>', english('cli.help.option.batch'))
    .option('--out <file>', english('cli.help.option.out'))
    .option('--shard <i/n>', english('cli.help.option.shard'))
    .option('--threads <n>', english('cli.help.option.threads'))
    .action(async (caseFile: string | undefined, options: { policies: string; pretty: boolean } & BatchOptions & { batch?: string }) => {
      if ((caseFile === undefined) === (options.batch === undefined)) {
        output.err(say(language(), 'cli.evaluateCaseOrBatch'));
        return exit(1);
      }
      exit(options.batch === undefined ? await evaluateCommand(caseFile ?? '', options, output, language()) : await evaluateBatchCommand(options.batch, options, output, language()));
    });

  program
    .command('test')
    .description(english('cli.help.command.test'))
    .argument('[dir]', english('cli.help.argument.dir'), DEFAULT_POLICIES_DIR)
    .option('--fail-on-change', english('cli.help.option.failOnChange'), false)
    .action(async (dir: string, options: { failOnChange: boolean }) => exit(await testCommand(dir, options, output, language())));

  program
    .command('new')
    .description(english('cli.help.command.new'))
    .argument('<id>', english('cli.help.argument.policy'))
    .argument('<version>', english('cli.help.argument.newVersion'))
    .requiredOption('--from <version>', english('cli.help.option.from'))
    .requiredOption('--effective <date>', english('cli.help.option.effective'))
    .option('--note <text>', english('cli.help.option.note'))
    .option('-p, --policies <dir>', english('cli.help.option.policies'), DEFAULT_POLICIES_DIR)
    .action(async (id: string, version: string, options: { from: string; effective: string; note?: string; policies: string }) =>
      exit(await newCommand({ policiesDir: options.policies, id, version, from: options.from, effective: options.effective, ...(options.note === undefined ? {} : { changeNote: options.note }) }, output, language())),
    );

  program
    .command('publish')
    .description(english('cli.help.command.publish'))
    .argument('<id>', english('cli.help.argument.policy'))
    .argument('<version>', english('cli.help.argument.draft'))
    .option('-p, --policies <dir>', english('cli.help.option.policies'), DEFAULT_POLICIES_DIR)
    .action(async (id: string, version: string, options: { policies: string }) => exit(await publishCommand(id, version, options, output, language())));

  program
    .command('diff')
    .description(english('cli.help.command.diff'))
    .argument('<policy>', english('cli.help.argument.policy'))
    .argument('<versionA>', english('cli.help.argument.versionA'))
    .argument('<versionB>', english('cli.help.argument.versionB'))
    .option('-p, --policies <dir>', english('cli.help.option.policies'), DEFAULT_POLICIES_DIR)
    .option('--cases <dir>', english('cli.help.option.cases'))
    .action(async (policy: string, versionA: string, versionB: string, options: { policies: string; cases?: string }) => exit(await diffCommand(policy, versionA, versionB, options, output, language())));

  program
    .command('replay')
    .description(english('cli.help.command.replay'))
    .argument('<log>', english('cli.help.argument.log'))
    .option('-p, --policies <dir>', english('cli.help.option.policies'), DEFAULT_POLICIES_DIR)
    .option('--version <version>', english('cli.help.option.version'))
    .action(async (log: string, options: { policies: string; version?: string }) => exit(await replayCommand(log, options, output, language())));

  program
    .command('serve')
    .description(english('cli.help.command.serve'))
    .option('-p, --policies <dir>', english('cli.help.option.policies'), process.env['POLICIES_DIR'] ?? DEFAULT_POLICIES_DIR)
    .option('--host <host>', english('cli.help.option.host'), process.env['HOST'] ?? '127.0.0.1')
    .option('--port <port>', english('cli.help.option.port'), process.env['PORT'] ?? '3000')
    .action(async (options: { policies: string; host: string; port: string }) => {
      const code = await serve({ ...configFromEnv(process.env), policiesDir: options.policies, host: options.host, port: Number(options.port) }, process.env);
      if (code !== null) exit(code);
    });

  return program;
}
