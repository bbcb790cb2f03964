import { formatDiagnostic } from '../../errors/problem.js';
import { loadPolicies } from '../../registry/load-policies.js';
import { describeDifference, differences, termDifferences } from '../../scenarios/differences.js';
import { evaluateCase, loadCases, outcomeOf } from '../../scenarios/run-cases.js';
import type { Output } from '../output.js';

/**
 * The terms that differ between two versions, and every scenario whose outcome
 * differs, side by side. Exit code: 0 no outcome changed, 1 some did, 2 cannot compare.
 */
export async function diffCommand(policyId: string, versionA: string, versionB: string, options: { policies: string; cases?: string }, output: Output): Promise<number> {
  const { registry, diagnostics } = await loadPolicies(options.policies);
  if (diagnostics.length > 0) {
    diagnostics.forEach((diagnostic) => output.err(formatDiagnostic(diagnostic)));
    return 2;
  }
  const [a, b] = [registry.version(policyId, versionA), registry.version(policyId, versionB)];
  if (!a || !b) {
    const known = (registry.versions(policyId) ?? []).map((policy) => policy.ref.version).join(', ') || 'none';
    output.err(`policy "${policyId}" has no version ${!a ? versionA : versionB}; known versions: ${known}`);
    return 2;
  }

  const terms = termDifferences(a.document, b.document);
  output.out(`Terms of ${policyId} that differ from ${versionA} to ${versionB}: ${terms.length === 0 ? 'none' : ''}`.trimEnd());
  terms.forEach((difference) => output.out(`  ${describeDifference(difference)}`));

  const { cases, problems } = await loadCases(options.policies, { policyId, ...(options.cases ? { casesDir: options.cases } : {}) });
  if (problems.length > 0) {
    problems.forEach((problem) => output.err(formatDiagnostic(problem)));
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
    for (const { path, before: was, after: now } of outcome) lines.push(`      ${path.replace(/^\$\.?/, '')}: ${JSON.stringify(was) ?? 'nothing'} | ${JSON.stringify(now) ?? 'nothing'}`);
  }
  output.out(`Outcomes that differ (${versionA} | ${versionB}): ${changed} of ${cases.length} case(s)`);
  lines.forEach((line) => output.out(line));
  return changed > 0 ? 1 : 0;
}
