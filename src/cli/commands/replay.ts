import { readDecisionLog } from '../../decision-log/decision-log.js';
import { decisionLogFiles } from '../../decision-log/log-files.js';
import { formatDiagnostic } from '../../errors/problem.js';
import { evaluate } from '../../evaluate/evaluate.js';
import { loadPolicies } from '../../registry/load-policies.js';
import { differences } from '../../scenarios/differences.js';
import { outcomeOf } from '../../scenarios/run-cases.js';
import type { Output } from '../output.js';

/** Re-evaluates every logged decision (under a named version if given) and reports each that would now differ. */
export async function replayCommand(logFile: string, options: { policies: string; version?: string }, output: Output): Promise<number> {
  const { registry, diagnostics } = await loadPolicies(options.policies);
  if (diagnostics.length > 0) {
    diagnostics.forEach((diagnostic) => output.err(formatDiagnostic(diagnostic)));
    return 2;
  }
  const entries = [];
  for (const file of await decisionLogFiles(logFile)) {
    const log = await readDecisionLog(file);
    log.unreadable.forEach((line) => output.err(`${file}:${line}: skipped a line that is not a whole JSON entry (cut short by a crash?)`));
    entries.push(...log.entries);
  }
  let changed = 0;
  for (const entry of entries) {
    const request = options.version === undefined ? entry.request : { ...entry.request, version: options.version };
    const now = Date.parse(entry.time);
    const replayed = await evaluate(registry, request, { now, decisionId: entry.decisionId });
    const outcome = differences(outcomeOf({ ok: true, decision: entry.decision }), outcomeOf(replayed));
    if (outcome.length === 0) continue;
    changed++;
    const under = replayed.ok ? `${replayed.decision.policy.version}` : 'refused';
    output.out(`${entry.decisionId} (${entry.policy.id} ${entry.policy.version} -> ${under})`);
    for (const { path, before, after } of outcome) output.out(`    ${path.replace(/^\$\.?/, '')}: ${JSON.stringify(before) ?? 'nothing'} | ${JSON.stringify(after) ?? 'nothing'}`);
  }
  output.out(`${entries.length} decision(s) replayed, ${changed} would now differ`);
  return changed > 0 ? 1 : 0;
}
