import { say } from '../messages/catalog.js';
import type { Language } from '../messages/languages.js';
import type { PolicyDocument } from '../model/policy-document.js';
import type { PolicyRegistry } from '../registry/policy-registry.js';
import { differences } from './differences.js';
import type { Difference } from './differences.js';
import { evaluateCase, outcomeOf } from './run-cases.js';
import type { LoadedCase } from './run-cases.js';

/** Versions' labels and effective data always differ; they are not terms. */
const IDENTITY_KEYS = new Set(['$.version', '$.status', '$.effectiveFrom', '$.changeNote', '$.title', '$.source']);

/** The terms that differ between two versions' documents, labels and dates left out. */
export function termDifferences(before: PolicyDocument, after: PolicyDocument): Difference[] {
  return differences(before, after).filter((difference) => !IDENTITY_KEYS.has(difference.path));
}

/** Which version judged a ticket differs by construction between two versions; it is not an outcome. */
const VERSION_LABEL_PATH = /\.policyVersion$/;

/** The outcome fields that differ between two results of one case. */
export function outcomeChanges(before: unknown, after: unknown): Difference[] {
  return differences(before, after).filter((difference) => !VERSION_LABEL_PATH.test(difference.path));
}

/** One case whose outcome differs between two versions. */
export interface ChangedOutcome {
  readonly loaded: LoadedCase;
  readonly changes: readonly Difference[];
}

/** Every case whose outcome differs when judged under `versionA` and under `versionB`. */
export async function changedOutcomes(registry: PolicyRegistry, cases: readonly LoadedCase[], versionA: string, versionB: string): Promise<ChangedOutcome[]> {
  const changed: ChangedOutcome[] = [];
  for (const loaded of cases) {
    const [before, after] = [outcomeOf(await evaluateCase(registry, loaded, versionA)), outcomeOf(await evaluateCase(registry, loaded, versionB))];
    const changes = outcomeChanges(before, after);
    if (changes.length > 0) changed.push({ loaded, changes });
  }
  return changed;
}

/** `      rebate.amount: "24.00" | "36.00"`, one line per changed field. */
export function describeChangedOutcome({ loaded, changes }: ChangedOutcome, language: Language): string[] {
  const nothing = say(language, 'cli.nothing');
  return [
    `  ${loaded.file}:${loaded.line} ${loaded.case.name}`,
    ...changes.map(({ path, before, after }) => `      ${path.replace(/^\$\.?/, '')}: ${JSON.stringify(before) ?? nothing} | ${JSON.stringify(after) ?? nothing}`),
  ];
}
