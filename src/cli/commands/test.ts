import { formatDiagnostic } from '../../errors/problem.js';
import { loadPolicies } from '../../registry/load-policies.js';
import { describeChangedOutcome } from '../../scenarios/compare-versions.js';
import { changesUnderNewerVersions } from '../../scenarios/newer-versions.js';
import { loadCases, runCase } from '../../scenarios/run-cases.js';
import type { CaseResult } from '../../scenarios/run-cases.js';
import type { Output } from '../output.js';

const show = (value: unknown): string => JSON.stringify(value) ?? 'nothing';

export function printFailure({ loaded, mismatches }: CaseResult, output: Output): void {
  output.out(`FAIL ${loaded.file}:${loaded.line} ${loaded.policyId}: ${loaded.case.name}${loaded.case.version === undefined ? '' : ` (under ${loaded.case.version})`}`);
  for (const mismatch of mismatches) output.out(`  ${mismatch.path}: expected ${show(mismatch.expected)}, got ${show(mismatch.actual)}`);
}

/**
 * Runs every policy's scenario cases, each under the version it names or else
 * the one in force; prints each failing case, then `N passed, M failed`; then
 * every case whose outcome a newer draft, or a version published for a later
 * day, would change.
 */
export async function testCommand(dir: string, options: { failOnChange: boolean; today?: string }, output: Output): Promise<number> {
  const { registry, diagnostics } = await loadPolicies(dir);
  const { cases, problems } = await loadCases(dir);
  const refused = [...diagnostics, ...problems];
  if (refused.length > 0) {
    refused.forEach((diagnostic) => output.err(formatDiagnostic(diagnostic)));
    output.err(`${refused.length} problem(s): fix them before the cases can run`);
    return 1;
  }
  let failed = 0;
  for (const loaded of cases) {
    const result = await runCase(registry, loaded);
    if (result.mismatches.length === 0) continue;
    failed++;
    printFailure(result, output);
  }
  output.out(`${cases.length - failed} passed, ${failed} failed`);
  const changes = await changesUnderNewerVersions(registry, cases, options.today ?? new Date().toISOString().slice(0, 10));
  for (const { policyId, version, status, changed } of changes) {
    output.out(`${changed.length} case(s) change under ${policyId} ${version} (${status}):`);
    changed.flatMap(describeChangedOutcome).forEach((line) => output.out(line));
  }
  if (failed > 0) return 1;
  return options.failOnChange && changes.length > 0 ? 1 : 0;
}
