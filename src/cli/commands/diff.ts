import { formatDiagnosticIn } from '../../errors/problem.js';
import { say } from '../../messages/catalog.js';
import { DEFAULT_LANGUAGE } from '../../messages/languages.js';
import type { Language } from '../../messages/languages.js';
import { loadPolicies } from '../../registry/load-policies.js';
import { changedOutcomes, describeChangedOutcome, termDifferences } from '../../scenarios/compare-versions.js';
import { describeDifference } from '../../scenarios/differences.js';
import { loadCases } from '../../scenarios/run-cases.js';
import type { Output } from '../output.js';

/**
 * The terms that differ between two versions, and every scenario whose outcome
 * differs, side by side. Exit code: 0 no outcome changed, 1 some did, 2 cannot compare.
 */
export async function diffCommand(policyId: string, versionA: string, versionB: string, options: { policies: string; cases?: string }, output: Output, language: Language = DEFAULT_LANGUAGE): Promise<number> {
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

  const terms = termDifferences(a.document, b.document);
  output.out(say(language, 'cli.termsDiffer', { policy: policyId, from: versionA, to: versionB, none: terms.length === 0 ? say(language, 'cli.none') : '' }).trimEnd());
  terms.forEach((difference) => output.out(`  ${describeDifference(difference)}`));

  const { cases, problems } = await loadCases(options.policies, { policyId, ...(options.cases ? { casesDir: options.cases } : {}) });
  if (problems.length > 0) {
    problems.forEach((problem) => output.err(formatDiagnosticIn(problem, language)));
    return 2;
  }
  const changed = await changedOutcomes(registry, cases, versionA, versionB);
  output.out(say(language, 'cli.outcomesDiffer', { from: versionA, to: versionB, changed: changed.length, total: cases.length }));
  changed.flatMap((one) => describeChangedOutcome(one, language)).forEach((line) => output.out(line));
  return changed.length > 0 ? 1 : 0;
}
