import { formatDiagnosticIn } from '../../errors/problem.js';
import { say } from '../../messages/catalog.js';
import { DEFAULT_LANGUAGE } from '../../messages/languages.js';
import type { Language } from '../../messages/languages.js';
import { loadPolicies } from '../../registry/load-policies.js';
import { describeDifference, differences } from '../../scenarios/differences.js';
import { evaluateCase, loadCases, outcomeOf } from '../../scenarios/run-cases.js';
import type { Output } from '../output.js';

/** Versions' labels and effective data always differ; they are not terms. */
const IDENTITY_KEYS = new Set(['$.version', '$.status', '$.effectiveFrom', '$.changeNote', '$.title', '$.source']);

/**
 * The terms that differ between two versions, and every scenario whose outcome
 * differs, side by side. Exit code: 0 no outcome changed, 1 some did, 2 cannot compare.
 */
export async function diffCommand(policyId: string, versionA: string, versionB: string, options: { policies: string; cases?: string }, output: Output, language: Language = DEFAULT_LANGUAGE): Promise<number> {
  const nothing = say(language, 'cli.nothing');
  const { registry, diagnostics } = await loadPolicies(options.policies);
  if (diagnostics.length > 0) {
    diagnostics.forEach((diagnostic) => output.err(formatDiagnosticIn(diagnostic, language)));
    return 2;
  }
  const [a, b] = [registry.version(policyId, versionA), registry.version(policyId, versionB)];
  if (!a || !b) {
    const known = (registry.versions(policyId) ?? []).map((policy) => policy.ref.version).join(', ') || say(language, 'cli.none');
    output.err(say(language, 'cli.noSuchVersion', { policy: policyId, version: !a ? versionA : versionB, known }));
    return 2;
  }

  const terms = differences(a.document, b.document).filter((difference) => !IDENTITY_KEYS.has(difference.path));
  output.out(say(language, 'cli.termsDiffer', { policy: policyId, from: versionA, to: versionB, none: terms.length === 0 ? say(language, 'cli.none') : '' }).trimEnd());
  terms.forEach((difference) => output.out(`  ${describeDifference(difference)}`));

  const { cases, problems } = await loadCases(options.policies, { policyId, ...(options.cases ? { casesDir: options.cases } : {}) });
  if (problems.length > 0) {
    problems.forEach((problem) => output.err(formatDiagnosticIn(problem, language)));
    return 2;
  }
  let changed = 0;
  const lines: string[] = [];
  for (const loaded of cases) {
    const [before, after] = [outcomeOf(await evaluateCase(registry, loaded, versionA)), outcomeOf(await evaluateCase(registry, loaded, versionB))];
    const outcome = differences(before, after);
    if (outcome.length === 0) continue;
    changed++;
    lines.push(`  ${loaded.file}:${loaded.line} ${loaded.case.name}`);
    for (const { path, before: was, after: now } of outcome) lines.push(`      ${path.replace(/^\$\.?/, '')}: ${JSON.stringify(was) ?? nothing} | ${JSON.stringify(now) ?? nothing}`);
  }
  output.out(say(language, 'cli.outcomesDiffer', { from: versionA, to: versionB, changed, total: cases.length }));
  lines.forEach((line) => output.out(line));
  return changed > 0 ? 1 : 0;
}
