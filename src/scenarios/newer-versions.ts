import type { PolicyRegistry } from '../registry/policy-registry.js';
import { outcomeChanges } from './compare-versions.js';
import type { ChangedOutcome } from './compare-versions.js';
import { caseVersion, evaluateCase, outcomeOf } from './run-cases.js';
import type { LoadedCase } from './run-cases.js';

/** The cases whose outcome would differ under one newer version (a draft, or a published version not yet in force for them). */
export interface ChangesUnderVersion {
  readonly policyId: string;
  readonly version: string;
  readonly status: 'draft' | 'published';
  readonly changed: readonly ChangedOutcome[];
}

/**
 * A case that names no version runs under the one in force for its facts; a
 * newer version of the same policy could change its outcome unseen. Each such
 * case is judged again under every later version still to come: each draft, and
 * each published version not yet in force on `today` (YYYY-MM-DD).
 */
export async function changesUnderNewerVersions(registry: PolicyRegistry, cases: readonly LoadedCase[], today: string): Promise<ChangesUnderVersion[]> {
  const found = new Map<string, ChangesUnderVersion & { changed: ChangedOutcome[] }>();
  for (const loaded of cases) {
    if (loaded.case.version !== undefined) continue;
    // A refused case counts too: a newer version may answer what this one refuses (a currency it now caps).
    const inForce = caseVersion(registry, loaded);
    if (inForce === undefined) continue;
    const ran = await evaluateCase(registry, loaded);
    const versions = registry.versions(loaded.policyId) ?? [];
    const position = versions.findIndex((policy) => policy.ref.version === inForce);
    // A published version already in force today changed these outcomes when it was published (and
    // publish showed them); a draft, or a version published for a later day, is a change still to come.
    for (const newer of versions.slice(position + 1).filter((policy) => policy.status === 'draft' || policy.ref.effectiveFrom > today)) {
      const changes = outcomeChanges(outcomeOf(ran), outcomeOf(await evaluateCase(registry, loaded, newer.ref.version)));
      if (changes.length === 0) continue;
      const key = `${loaded.policyId}\u0000${newer.ref.version}`;
      const entry = found.get(key) ?? { policyId: loaded.policyId, version: newer.ref.version, status: newer.status, changed: [] };
      entry.changed.push({ loaded, changes });
      found.set(key, entry);
    }
  }
  return [...found.values()];
}
