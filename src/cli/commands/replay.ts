import { readDecisionLog } from '../../decision-log/decision-log.js';
import { formatDiagnosticIn } from '../../errors/problem.js';
import { say } from '../../messages/catalog.js';
import { DEFAULT_LANGUAGE } from '../../messages/languages.js';
import type { Language } from '../../messages/languages.js';
import { evaluate } from '../../evaluate/evaluate.js';
import { loadPolicies } from '../../registry/load-policies.js';
import { differences } from '../../scenarios/differences.js';
import { languageNeutralOutcomeOf } from '../../scenarios/run-cases.js';
import type { Output } from '../output.js';

/** Re-evaluates every logged decision (under a named version if given) and reports each that would now differ. */
export async function replayCommand(logFile: string, options: { policies: string; version?: string }, output: Output, language: Language = DEFAULT_LANGUAGE): Promise<number> {
  const nothing = say(language, 'cli.nothing');
  const { registry, diagnostics } = await loadPolicies(options.policies);
  if (diagnostics.length > 0) {
    diagnostics.forEach((diagnostic) => output.err(formatDiagnosticIn(diagnostic, language)));
    return 2;
  }
  const log = await readDecisionLog(logFile);
  log.unreadable.forEach((line) => output.err(say(language, 'cli.unreadableLogLine', { file: logFile, line })));
  let changed = 0;
  for (const entry of log.entries) {
    const request = options.version === undefined ? entry.request : { ...entry.request, version: options.version };
    const now = Date.parse(entry.time);
    const replayed = await evaluate(registry, request, { now, decisionId: entry.decisionId });
    // Text fields are left out: a decision logged in Swedish replays equal to the same decision in English.
    const outcome = differences(languageNeutralOutcomeOf({ ok: true, decision: entry.decision }), languageNeutralOutcomeOf(replayed));
    if (outcome.length === 0) continue;
    changed++;
    const under = replayed.ok ? `${replayed.decision.policy.version}` : say(language, 'cli.refused');
    output.out(`${entry.decisionId} (${entry.policy.id} ${entry.policy.version} -> ${under})`);
    for (const { path, before, after } of outcome) output.out(`    ${path.replace(/^\$\.?/, '')}: ${JSON.stringify(before) ?? nothing} | ${JSON.stringify(after) ?? nothing}`);
  }
  output.out(say(language, 'cli.replaySummary', { count: log.entries.length, changed }));
  return changed > 0 ? 1 : 0;
}
