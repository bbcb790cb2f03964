import { trialRun } from '../compile/trial-run.js';
import type { CompiledPolicy } from '../compile/compiled-policy.js';
import { compareDiagnostics } from '../errors/problem.js';
import type { Diagnostic } from '../errors/problem.js';
import { readPolicyFiles } from '../load/policy-files.js';
import type { PolicyFile } from '../load/policy-files.js';
import { checkDuplicateVersions } from '../validate/check-duplicate-versions.js';
import { checkPublishedDates } from '../validate/check-published-dates.js';
import { validatePolicyFile } from '../validate/validate-policy.js';
import { PolicyRegistry } from './policy-registry.js';

export interface LoadResult {
  /** The versions that passed every check. */
  readonly registry: PolicyRegistry;
  /** Every problem of every file, sorted by file and line; empty when all is well. */
  readonly diagnostics: readonly Diagnostic[];
  /** Problems that do not refuse a file (a text lacking a language the service offers), sorted likewise. */
  readonly warnings: readonly Diagnostic[];
}

/** The whole pipeline: read, parse, validate, compile and index a policies folder. */
export async function loadPolicies(dir: string): Promise<LoadResult> {
  return buildRegistry(await readPolicyFiles(dir));
}

/**
 * Validate, compile, run once and index files already read. A version is
 * indexed only when it passes every check and the engine runs it.
 */
export async function buildRegistry(read: { readonly files: readonly PolicyFile[]; readonly problems: readonly Diagnostic[] }): Promise<LoadResult> {
  const validated = read.files.map(validatePolicyFile);
  const acrossFiles = [...checkPublishedDates(validated), ...checkDuplicateVersions(validated)];
  const refused = new Set(acrossFiles.map((diagnostic) => diagnostic.file));
  const diagnostics: Diagnostic[] = [...read.problems, ...validated.flatMap((v) => (v.ok ? [] : v.diagnostics)), ...acrossFiles];
  const compiled: CompiledPolicy[] = [];
  for (const v of validated) {
    if (!v.ok || refused.has(v.file.file)) continue;
    const trial = await trialRun(v.file, v.policy);
    if (trial.ok) compiled.push(trial.policy);
    else diagnostics.push(...trial.problems.map(v.file.source.place));
  }
  const warnings = validated.flatMap((v) => (v.ok ? v.warnings : [])).sort(compareDiagnostics);
  return { registry: new PolicyRegistry(compiled), diagnostics: diagnostics.sort(compareDiagnostics), warnings };
}
