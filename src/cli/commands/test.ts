import { formatDiagnosticIn } from '../../errors/problem.js';
import { say } from '../../messages/catalog.js';
import { DEFAULT_LANGUAGE } from '../../messages/languages.js';
import type { Language } from '../../messages/languages.js';
import { loadPolicies } from '../../registry/load-policies.js';
import { describeChangedOutcome } from '../../scenarios/compare-versions.js';
import { changesUnderNewerVersions } from '../../scenarios/newer-versions.js';
import { loadCases, runCase } from '../../scenarios/run-cases.js';
import type { CaseResult } from '../../scenarios/run-cases.js';
import type { Output } from '../output.js';
import { saidNoPolicies } from './validate.js';

export function printFailure({ loaded, mismatches }: CaseResult, output: Output, language: Language): void {
  const show = (value: unknown): string => JSON.stringify(value) ?? say(language, 'cli.nothing');
  const under = loaded.case.version === undefined ? '' : say(language, 'cli.caseUnder', { version: loaded.case.version });
  output.out(say(language, 'cli.caseFailed', { place: `${loaded.file}:${loaded.line}`, policy: loaded.policyId, name: loaded.case.name, under }));
  for (const mismatch of mismatches) output.out(say(language, 'cli.mismatch', { path: mismatch.path, expected: show(mismatch.expected), actual: show(mismatch.actual) }));
}

/**
 * Runs every policy's scenario cases, each under the version it names or else
 * the one in force; prints each failing case, then `N passed, M failed`; then
 * every case whose outcome a newer draft, or a version published for a later
 * day, would change.
 */
export async function testCommand(dir: string, options: { failOnChange: boolean; today?: string }, output: Output, language: Language = DEFAULT_LANGUAGE): Promise<number> {
  const { registry, diagnostics } = await loadPolicies(dir);
  const { cases, problems } = await loadCases(dir);
  const refused = [...diagnostics, ...problems];
  if (refused.length > 0) {
    refused.forEach((diagnostic) => output.err(formatDiagnosticIn(diagnostic, language)));
    output.err(say(language, 'cli.fixFirst', { count: refused.length }));
    return 1;
  }
  if (saidNoPolicies(registry, dir, output, language)) return 1;
  let failed = 0;
  for (const loaded of cases) {
    const result = await runCase(registry, loaded);
    if (result.mismatches.length === 0) continue;
    failed++;
    printFailure(result, output, language);
  }
  output.out(say(language, 'cli.casesSummary', { passed: cases.length - failed, failed }));
  const changes = await changesUnderNewerVersions(registry, cases, options.today ?? new Date().toISOString().slice(0, 10));
  for (const { policyId, version, status, changed } of changes) {
    output.out(say(language, 'cli.casesChangeUnder', { count: changed.length, policy: policyId, version, status }));
    changed.flatMap((one) => describeChangedOutcome(one, language)).forEach((line) => output.out(line));
  }
  if (failed > 0) return 1;
  return options.failOnChange && changes.length > 0 ? 1 : 0;
}
