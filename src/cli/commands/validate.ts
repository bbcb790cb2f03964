import { compareDiagnostics, formatDiagnostic } from '../../errors/problem.js';
import { loadPolicies } from '../../registry/load-policies.js';
import { caseFileProblems } from '../../scenarios/check-cases.js';
import type { Output } from '../output.js';

/** Prints every problem of every policy and case file, or one summary line per policy. Returns the exit code. */
export async function validateCommand(dir: string, output: Output): Promise<number> {
  const { registry, diagnostics: policyProblems } = await loadPolicies(dir);
  const caseFiles = await caseFileProblems(dir, registry);
  const diagnostics = [...policyProblems, ...caseFiles.problems].sort(compareDiagnostics);
  if (diagnostics.length > 0) {
    for (const diagnostic of diagnostics) output.err(formatDiagnostic(diagnostic));
    output.err(`${diagnostics.length} problem(s) found in ${dir}`);
    return 1;
  }
  const ids = registry.ids();
  for (const id of ids) {
    const versions = registry.versions(id) ?? [];
    const list = versions.map((policy) => `${policy.ref.version} (${policy.status}, from ${policy.ref.effectiveFrom})`).join(', ');
    output.out(`${id}: ${versions.length} version(s): ${list}`);
  }
  if (ids.length === 0) output.out(`no policies found in ${dir}`);
  else output.out(`${caseFiles.cases} scenario case(s) checked`);
  return 0;
}
