import type { DecisionLogEntry } from '../../decision-log/read-decision-log.js';
import { readDecisionLog } from '../../decision-log/read-decision-log.js';
import { decisionLogFiles } from '../../decision-log/log-files.js';
import { formatDiagnostic } from '../../errors/problem.js';
import { evaluate } from '../../evaluate/evaluate.js';
import { readRequest } from '../../evaluate/request.js';
import { loadPolicies } from '../../registry/load-policies.js';
import type { PolicyRegistry } from '../../registry/policy-registry.js';
import { differences } from '../../scenarios/differences.js';
import { outcomeOf } from '../../scenarios/run-cases.js';
import type { Output } from '../output.js';

/**
 * Re-evaluates every logged decision (under a named version if given) and reports
 * each that would now differ. A line that is not a decision entry is reported
 * with its line number, and the replay goes on.
 */
export async function replayCommand(logFile: string, options: { policies: string; version?: string }, output: Output): Promise<number> {
  const { registry, diagnostics } = await loadPolicies(options.policies);
  if (diagnostics.length > 0) {
    diagnostics.forEach((diagnostic) => output.err(formatDiagnostic(diagnostic)));
    return 2;
  }
  let replayed = 0;
  let changed = 0;
  let skipped = 0;
  // A cluster's workers each keep their own file (<log>.<n>): they are read together.
  for (const file of await decisionLogFiles(logFile)) {
    try {
      for await (const read of readDecisionLog(file)) {
        const result: Replayed = 'entry' in read ? await replayEntry(registry, read.entry, options.version, output).catch((error: unknown): Replayed => ({ kind: 'skipped', why: `it cannot be replayed: ${String((error as Error).message)}` })) : { kind: 'skipped', why: read.problem };
        if (result.kind === 'skipped') {
          skipped++;
          output.err(`${file}:${read.line}: skipped: ${result.why}`);
          continue;
        }
        replayed++;
        if (result.kind === 'differs') changed++;
      }
    } catch (error) {
      output.err(`${file}: cannot read the decision log: ${(error as Error).message}`);
      return 2;
    }
  }
  output.out(`${replayed} decision(s) replayed, ${changed} would now differ${skipped > 0 ? `, ${skipped} line(s) skipped` : ''}`);
  return changed > 0 ? 1 : 0;
}

type Replayed = { readonly kind: 'same' } | { readonly kind: 'differs' } | { readonly kind: 'skipped'; readonly why: string };

/** Replays one entry; a decision that now differs is reported field by field. */
async function replayEntry(registry: PolicyRegistry, entry: DecisionLogEntry, version: string | undefined, output: Output): Promise<Replayed> {
  const read = readRequest(version === undefined ? entry.request : { ...entry.request, version });
  if (!read.ok) return { kind: 'skipped', why: `its request is not valid: ${read.problems[0]?.message ?? ''}` };
  const replayed = await evaluate(registry, read.request, { now: Date.parse(entry.time), decisionId: entry.decisionId });
  const outcome = differences(outcomeOf({ ok: true, decision: entry.decision }), outcomeOf(replayed));
  if (outcome.length === 0) return { kind: 'same' };
  const under = replayed.ok ? `${replayed.decision.policy.version}` : 'refused';
  output.out(`${entry.decisionId} (${entry.policy.id} ${entry.policy.version} -> ${under})`);
  for (const { path, before, after } of outcome) output.out(`    ${path.replace(/^\$\.?/, '')}: ${JSON.stringify(before) ?? 'nothing'} | ${JSON.stringify(after) ?? 'nothing'}`);
  return { kind: 'differs' };
}
