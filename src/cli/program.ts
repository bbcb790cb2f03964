import { Command } from 'commander';
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
    .description('Check every policy file and scenario case file in a folder; print each problem as file:line:col CODE message, or one summary line per policy.')
    .argument('[dir]', 'the policies folder', DEFAULT_POLICIES_DIR)
    .action(async (dir: string) => exit(await validateCommand(dir, output)));

  program
    .command('evaluate')
    .description('Print the decision for a case file (the body of POST /v1/evaluate, as JSON or YAML), or answer a batch of NDJSON requests over every core.')
    .argument('[case]', 'the case file')
    .option('-p, --policies <dir>', 'the policies folder', DEFAULT_POLICIES_DIR)
    .option('--pretty', 'indent the JSON for reading', false)
    .option('--batch <file>', 'an NDJSON file, one request per line: write one decision (or problem) per line, in order')
    .option('--out <file>', 'with --batch: write the answers to this file instead of stdout')
    .option('--shard <i/n>', 'with --batch: answer only the lines whose index % n is i (default: JOB_COMPLETION_INDEX of SHARD_COUNT)')
    .option('--threads <n>', 'with --batch: worker threads (default: one per core)')
    .action(async (caseFile: string | undefined, options: { policies: string; pretty: boolean } & BatchOptions & { batch?: string }) => {
      if ((caseFile === undefined) === (options.batch === undefined)) {
        output.err('give either a case file or --batch <file>');
        return exit(1);
      }
      exit(options.batch === undefined ? await evaluateCommand(caseFile ?? '', options, output) : await evaluateBatchCommand(options.batch, options, output));
    });

  program
    .command('test')
    .description(
      "Run every policy's scenario cases (policies/<id>/cases/*.yaml), each under the version it names or else the one in force; exit non-zero on any failure. Also list every case whose outcome a newer draft, or a version published for a later day, would change.",
    )
    .argument('[dir]', 'the policies folder', DEFAULT_POLICIES_DIR)
    .option('--fail-on-change', 'also exit 1 when a newer draft or version would change a case\'s outcome', false)
    .action(async (dir: string, options: { failOnChange: boolean }) => exit(await testCommand(dir, options, output)));

  program
    .command('new')
    .description('Write policies/<id>/<version>.yaml: a draft copied from another version (terms and comments kept), with its version, status and effective date set.')
    .argument('<id>', 'the policy id')
    .argument('<version>', 'the new version, for example 1.1.0')
    .requiredOption('--from <version>', 'the version to copy')
    .requiredOption('--effective <date>', 'the first day the new terms apply, YYYY-MM-DD')
    .option('--note <text>', 'the change note (edit it in the file otherwise)')
    .option('-p, --policies <dir>', 'the policies folder', DEFAULT_POLICIES_DIR)
    .action(async (id: string, version: string, options: { from: string; effective: string; note?: string; policies: string }) =>
      exit(await newCommand({ policiesDir: options.policies, id, version, from: options.from, effective: options.effective, ...(options.note === undefined ? {} : { changeNote: options.note }) }, output)),
    );

  program
    .command('publish')
    .description('Validate, run the cases as they will run once published, print the diff against the version it supersedes, then mark the draft published; exit 1 (writing nothing) when any step fails.')
    .argument('<id>', 'the policy id')
    .argument('<version>', 'the draft to publish')
    .option('-p, --policies <dir>', 'the policies folder', DEFAULT_POLICIES_DIR)
    .action(async (id: string, version: string, options: { policies: string }) => exit(await publishCommand(id, version, options, output)));

  program
    .command('diff')
    .description('List the terms that differ between two versions of a policy and every scenario whose outcome differs; exit 1 when any outcome changed.')
    .argument('<policy>', 'the policy id')
    .argument('<versionA>', 'the version to compare from')
    .argument('<versionB>', 'the version to compare to')
    .option('-p, --policies <dir>', 'the policies folder', DEFAULT_POLICIES_DIR)
    .option('--cases <dir>', 'the scenario cases to compare on (default: the policy\'s cases folder)')
    .action(async (policy: string, versionA: string, versionB: string, options: { policies: string; cases?: string }) => exit(await diffCommand(policy, versionA, versionB, options, output)));

  program
    .command('replay')
    .description('Re-evaluate the decisions of a decision log (DECISION_LOG) and report every one that would now differ; exit 1 when any does.')
    .argument('<log>', 'the NDJSON decision log (with the per-worker <log>.<n> files of a cluster)')
    .option('-p, --policies <dir>', 'the policies folder', DEFAULT_POLICIES_DIR)
    .option('--version <version>', 'judge every decision under this version instead of the one each request would now get')
    .action(async (log: string, options: { policies: string; version?: string }) => exit(await replayCommand(log, options, output)));

  program
    .command('serve')
    .description('Serve the HTTP API (as `npm start`, WORKERS processes), reloading policies when they change.')
    .option('-p, --policies <dir>', 'the policies folder', process.env['POLICIES_DIR'] ?? DEFAULT_POLICIES_DIR)
    .option('--host <host>', 'the address to listen on', process.env['HOST'] ?? '127.0.0.1')
    .option('--port <port>', 'the port to listen on', process.env['PORT'] ?? '3000')
    .action(async (options: { policies: string; host: string; port: string }) => {
      const code = await serve({ ...configFromEnv(process.env), policiesDir: options.policies, host: options.host, port: Number(options.port) }, process.env);
      if (code !== null) exit(code);
    });

  return program;
}
