import { formatDiagnosticIn } from '../../errors/problem.js';
import { say } from '../../messages/catalog.js';
import { DEFAULT_LANGUAGE } from '../../messages/languages.js';
import type { Language } from '../../messages/languages.js';
import { loadPolicies } from '../../registry/load-policies.js';
import { loadCases, runCase } from '../../scenarios/run-cases.js';
import type { Output } from '../output.js';

/** Runs every policy's scenario cases; prints each failing case with expected and actual, then `N passed, M failed`. */
export async function testCommand(dir: string, output: Output, language: Language = DEFAULT_LANGUAGE): Promise<number> {
  const show = (value: unknown): string => JSON.stringify(value) ?? say(language, 'cli.nothing');
  const { registry, diagnostics } = await loadPolicies(dir);
  const { cases, problems } = await loadCases(dir);
  const refused = [...diagnostics, ...problems];
  if (refused.length > 0) {
    refused.forEach((diagnostic) => output.err(formatDiagnosticIn(diagnostic, language)));
    output.err(say(language, 'cli.fixFirst', { count: refused.length }));
    return 1;
  }
  let failed = 0;
  for (const loaded of cases) {
    const result = await runCase(registry, loaded);
    if (result.mismatches.length === 0) continue;
    failed++;
    output.out(say(language, 'cli.caseFailed', { place: `${loaded.file}:${loaded.line}`, policy: loaded.policyId, name: loaded.case.name }));
    for (const mismatch of result.mismatches) output.out(say(language, 'cli.mismatch', { path: mismatch.path, expected: show(mismatch.expected), actual: show(mismatch.actual) }));
  }
  output.out(say(language, 'cli.casesSummary', { passed: cases.length - failed, failed }));
  return failed > 0 ? 1 : 0;
}
