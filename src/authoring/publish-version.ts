import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { CompiledPolicy } from '../compile/compiled-policy.js';
import type { Diagnostic } from '../errors/problem.js';
import { loadPolicies } from '../registry/load-policies.js';
import { PolicyRegistry } from '../registry/policy-registry.js';
import { changedOutcomes, termDifferences } from '../scenarios/compare-versions.js';
import type { ChangedOutcome } from '../scenarios/compare-versions.js';
import type { Difference } from '../scenarios/differences.js';
import { loadCases, runCase } from '../scenarios/run-cases.js';
import type { CaseResult } from '../scenarios/run-cases.js';
import { setTopLevelScalars } from './edit-policy-text.js';
import { writeAtomically } from './write-atomically.js';
import { text as sentence } from '../messages/text.js';
import type { Text } from '../messages/text.js';

export type PublishOutcome =
  | { readonly kind: 'refused'; readonly reason: Text; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'cases-fail'; readonly failures: readonly CaseResult[]; readonly casesRun: number }
  | {
      readonly kind: 'published';
      readonly file: string;
      readonly policy: CompiledPolicy;
      readonly superseded: CompiledPolicy | undefined;
      readonly terms: readonly Difference[];
      readonly changed: readonly ChangedOutcome[];
      readonly casesRun: number;
    };

const refused = (reason: Text, diagnostics: readonly Diagnostic[] = []): PublishOutcome => ({ kind: 'refused', reason, diagnostics });

/**
 * Publishes a draft: validates the folder, runs the policy's cases as they will
 * run once it is published, compares it with the version it supersedes, then
 * changes `status: draft` to `status: published` in the file (nothing else in
 * the text moves) and writes it at once, by rename. Nothing is written when any
 * step fails.
 */
export async function publishVersion(policiesDir: string, id: string, version: string): Promise<PublishOutcome> {
  const { registry, diagnostics } = await loadPolicies(policiesDir);
  if (diagnostics.length > 0) return refused(sentence('authoring.problemsInFolder', { count: diagnostics.length, dir: policiesDir }), diagnostics);
  const draft = registry.version(id, version);
  if (!draft) {
    const known = (registry.versions(id) ?? []).map((policy) => policy.ref.version).join(', ');
    return refused(sentence('request.versionNotFound', { id, version, known: known === '' ? sentence('cli.none') : known }));
  }
  if (draft.status === 'published') return refused(sentence('authoring.alreadyPublished', { id, version }));
  const twin = (registry.versions(id) ?? []).find((other) => other.status === 'published' && other.ref.effectiveFrom === draft.ref.effectiveFrom);
  if (twin) return refused(sentence('authoring.sameEffectiveDate', { other: twin.ref.version, effectiveFrom: draft.ref.effectiveFrom, version }));

  const published: CompiledPolicy = { ...draft, status: 'published' };
  const after = new PolicyRegistry(registry.ids().flatMap((name) => (registry.versions(name) ?? []).map((policy) => (policy === draft ? published : policy))));
  const { cases, problems } = await loadCases(policiesDir, { policyId: id });
  if (problems.length > 0) return refused(sentence('authoring.problemsInCases', { count: problems.length, id }), problems);
  const failures = (await Promise.all(cases.map((loaded) => runCase(after, loaded)))).filter((result) => result.mismatches.length > 0);
  if (failures.length > 0) return { kind: 'cases-fail', failures, casesRun: cases.length };

  const superseded = (after.versions(id) ?? []).filter((policy) => policy !== published && policy.status === 'published' && policy.ref.effectiveFrom <= draft.ref.effectiveFrom).at(-1);
  const terms = superseded ? termDifferences(superseded.document, draft.document) : [];
  const changed = superseded ? await changedOutcomes(after, cases, superseded.ref.version, version) : [];

  const written = await markPublished(draft);
  if (!written.ok) return refused(written.reason);
  return { kind: 'published', file: draft.file, policy: published, superseded, terms, changed, casesRun: cases.length };
}

async function markPublished(draft: CompiledPolicy): Promise<{ ok: true } | { ok: false; reason: Text }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(draft.file);
  } catch (error) {
    return { ok: false, reason: sentence('policy.fileUnreadableAt', { file: draft.file, reason: (error as NodeJS.ErrnoException).code ?? 'error' }) };
  }
  if (createHash('sha256').update(bytes).digest('hex') !== draft.ref.sha256) return { ok: false, reason: sentence('authoring.changedWhileChecked', { file: draft.file }) };
  const text = setTopLevelScalars(bytes.toString('utf8'), { status: 'published' });
  if (text === null) return { ok: false, reason: sentence('authoring.noStatus', { file: draft.file }) };
  const written = await writeAtomically(draft.file, text);
  return written.ok ? written : { ok: false, reason: sentence('authoring.cannotWrite', { file: draft.file, reason: written.reason }) };
}
