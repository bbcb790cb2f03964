import type { DecisionLogEntry } from '../../decision-log/read-decision-log.js';
import { readDecisionLog } from '../../decision-log/read-decision-log.js';
import { decisionLogFiles } from '../../decision-log/log-files.js';
import { formatDiagnosticIn, messageIn } from '../../errors/problem.js';
import { say } from '../../messages/catalog.js';
import { DEFAULT_LANGUAGE } from '../../messages/languages.js';
import type { Language } from '../../messages/languages.js';
import { render } from '../../messages/text.js';
import { evaluate } from '../../evaluate/evaluate.js';
import { readRequest } from '../../evaluate/request.js';
import { loadPolicies } from '../../registry/load-policies.js';
import type { PolicyRegistry } from '../../registry/policy-registry.js';
import { differences } from '../../scenarios/differences.js';
import { languageNeutralOutcomeOf } from '../../scenarios/run-cases.js';
import type { Output } from '../output.js';

/**
 * Re-evaluates every logged decision (under a named version if given) and reports
 * each that would now differ. A line that is not a decision entry is reported
 * with its line number, and the replay goes on.
 */
export async function replayCommand(logFile: string, options: { policies: string; version?: string }, output: Output, language: Language = DEFAULT_LANGUAGE): Promise<number> {
  const { registry, diagnostics } = await loadPolicies(options.policies);
  if (diagnostics.length > 0) {
    diagnostics.forEach((diagnostic) => output.err(formatDiagnosticIn(diagnostic, language)));
    return 2;
  }
  let replayed = 0;
  let changed = 0;
  let skipped = 0;
  const cannotReplay = (error: unknown): Replayed => ({ kind: 'skipped', why: say(language, 'cli.replayFailed', { reason: String((error as Error).message) }) });
  // A cluster's workers each keep their own file (<log>.<n>): they are read together.
  for (const file of await decisionLogFiles(logFile)) {
    try {
      for await (const read of readDecisionLog(file)) {
        const result: Replayed = 'entry' in read ? await replayEntry(registry, read.entry, options.version, output, language).catch(cannotReplay) : { kind: 'skipped', why: render(language, read.problem) };
        if (result.kind === 'skipped') {
          skipped++;
          output.err(say(language, 'cli.replaySkipped', { file, line: read.line, why: result.why }));
          continue;
        }
        replayed++;
        if (result.kind === 'differs') changed++;
      }
    } catch (error) {
      output.err(say(language, 'cli.logUnreadable', { file, reason: (error as Error).message }));
      return 2;
    }
  }
  output.out(say(language, 'cli.replaySummary', { count: replayed, changed, skipped }));
  return changed > 0 ? 1 : 0;
}

type Replayed = { readonly kind: 'same' } | { readonly kind: 'differs' } | { readonly kind: 'skipped'; readonly why: string };

/** Replays one entry; a decision that now differs is reported field by field. */
async function replayEntry(registry: PolicyRegistry, entry: DecisionLogEntry, version: string | undefined, output: Output, language: Language): Promise<Replayed> {
  const read = readRequest(version === undefined ? entry.request : { ...entry.request, version });
  const [firstProblem] = read.ok ? [] : read.problems;
  if (!read.ok) return { kind: 'skipped', why: say(language, 'cli.replayInvalidRequest', { message: firstProblem ? messageIn(firstProblem, language) : '' }) };
  const replayed = await evaluate(registry, read.request, { now: Date.parse(entry.time), decisionId: entry.decisionId });
  // Text fields are left out: a decision logged in Swedish replays equal to the same decision in English.
  const outcome = differences(languageNeutralOutcomeOf({ ok: true, decision: entry.decision }), languageNeutralOutcomeOf(replayed));
  if (outcome.length === 0) return { kind: 'same' };
  const under = replayed.ok ? `${replayed.decision.policy.version}` : say(language, 'cli.refused');
  const nothing = say(language, 'cli.nothing');
  output.out(`${entry.decisionId} (${entry.policy.id} ${entry.policy.version} -> ${under})`);
  for (const { path, before, after } of outcome) output.out(`    ${path.replace(/^\$\.?/, '')}: ${JSON.stringify(before) ?? nothing} | ${JSON.stringify(after) ?? nothing}`);
  return { kind: 'differs' };
}
