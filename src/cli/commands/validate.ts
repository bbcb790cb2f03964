import { compareDiagnostics, formatDiagnosticIn } from '../../errors/problem.js';
import { say } from '../../messages/catalog.js';
import { DEFAULT_LANGUAGE } from '../../messages/languages.js';
import type { Language } from '../../messages/languages.js';
import { formatsFor } from '../../evaluate/text-formats.js';
import { loadPolicies } from '../../registry/load-policies.js';
import type { PolicyRegistry } from '../../registry/policy-registry.js';
import { caseFileProblems } from '../../scenarios/check-cases.js';
import type { Output } from '../output.js';

/** Prints every problem of every policy and case file, or one summary line per policy, then any warnings. Returns the exit code. */
export async function validateCommand(dir: string, output: Output, language: Language = DEFAULT_LANGUAGE): Promise<number> {
  const { registry, diagnostics: policyProblems, warnings } = await loadPolicies(dir);
  const caseFiles = await caseFileProblems(dir, registry);
  const diagnostics = [...policyProblems, ...caseFiles.problems].sort(compareDiagnostics);
  for (const warning of warnings) output.err(`${say(language, 'cli.warning')} ${formatDiagnosticIn(warning, language)}`);
  if (diagnostics.length > 0) {
    for (const diagnostic of diagnostics) output.err(formatDiagnosticIn(diagnostic, language));
    output.err(say(language, 'cli.problemsFound', { count: diagnostics.length, dir }));
    return 1;
  }
  if (saidNoPolicies(registry, dir, output, language)) return 1;
  for (const id of registry.ids()) {
    const versions = registry.versions(id) ?? [];
    const list = versions
      .map((policy) => say(language, 'cli.versionSummary', { version: policy.ref.version, status: policy.status, effectiveFrom: formatsFor(language).date(policy.ref.effectiveFrom) }))
      .join(', ');
    output.out(say(language, 'cli.policySummary', { id, count: versions.length, versions: list }));
  }
  output.out(say(language, 'cli.casesChecked', { count: caseFiles.cases }));
  return 0;
}

/** Says so when a folder holds no policy: the service refuses to start on it (NO_POLICIES), so a check that passed it would mislead. */
export function saidNoPolicies(registry: PolicyRegistry, dir: string, output: Output, language: Language): boolean {
  if (registry.ids().length > 0) return false;
  output.err(say(language, 'cli.noPolicies', { dir }));
  return true;
}
