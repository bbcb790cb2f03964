import type { CompiledPolicy } from '../compile/compiled-policy.js';
import type { Diagnostic } from '../errors/problem.js';
import type { PolicyRegistry } from '../registry/policy-registry.js';
import { outcomeChanges, termDifferences } from '../scenarios/compare-versions.js';
import type { Difference } from '../scenarios/differences.js';
import { evaluateCase, loadCases, outcomeOf } from '../scenarios/run-cases.js';
import { registryWithDraft } from './draft.js';

export interface ChangedCase {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly before: Record<string, unknown>;
  readonly after: Record<string, unknown>;
  readonly differences: readonly Difference[];
}

export interface DraftComparison {
  readonly against: { readonly id: string; readonly version: string };
  readonly terms: readonly Difference[];
  readonly casesRun: number;
  readonly changed: readonly ChangedCase[];
  /** Problems of the scenario files themselves; the cases that could be read still ran. */
  readonly caseProblems: readonly Diagnostic[];
}

/**
 * What a draft changes against a loaded version: the terms that differ, and every
 * scenario case of the loaded version's policy whose outcome differs under the draft,
 * the same comparison `policy diff` prints.
 */
export async function compareDraft(policiesDir: string, registry: PolicyRegistry, against: CompiledPolicy, draft: CompiledPolicy): Promise<DraftComparison> {
  const withDraft = registryWithDraft(registry, draft);
  const { cases, problems } = await loadCases(policiesDir, { policyId: against.ref.id });
  const changed: ChangedCase[] = [];
  for (const loaded of cases) {
    const before = outcomeOf(await evaluateCase(registry, loaded, against.ref.version));
    const after = outcomeOf(await evaluateCase(withDraft, { ...loaded, policyId: draft.ref.id }, draft.ref.version));
    const outcome = outcomeChanges(before, after);
    if (outcome.length > 0) changed.push({ name: loaded.case.name, file: loaded.file, line: loaded.line, before, after, differences: outcome });
  }
  return { against: { id: against.ref.id, version: against.ref.version }, terms: termDifferences(against.document, draft.document), casesRun: cases.length, changed, caseProblems: problems };
}
