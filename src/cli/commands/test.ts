import { formatDiagnostic } from '../../errors/problem.js';
import { loadPolicies } from '../../registry/load-policies.js';
import { loadCases, runCase } from '../../scenarios/run-cases.js';
import type { Output } from '../output.js';

const show = (value: unknown): string => JSON.stringify(value) ?? 'nothing';

/** Runs every policy's scenario cases; prints each failing case with expected and actual, then `N passed, M failed`. */
export async function testCommand(dir: string, output: Output): Promise<number> {
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
    output.out(`FAIL ${loaded.file}:${loaded.line} ${loaded.policyId}: ${loaded.case.name}`);
    for (const mismatch of result.mismatches) output.out(`  ${mismatch.path}: expected ${show(mismatch.expected)}, got ${show(mismatch.actual)}`);
  }
  output.out(`${cases.length - failed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}
