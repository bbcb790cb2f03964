import { compilePolicy } from '../compile/compile-policy.js';
import { compareDiagnostics } from '../errors/problem.js';
import type { Diagnostic } from '../errors/problem.js';
import { readPolicyFiles } from '../load/policy-files.js';
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
  const read = await readPolicyFiles(dir);
  const validated = read.files.map(validatePolicyFile);
  const dateProblems = checkPublishedDates(validated);
  const refused = new Set(dateProblems.map((diagnostic) => diagnostic.file));
  const diagnostics = [...read.problems, ...validated.flatMap((v) => (v.ok ? [] : v.diagnostics)), ...dateProblems].sort(compareDiagnostics);
  const compiled = validated.flatMap((v) => (v.ok && !refused.has(v.file.file) ? [compilePolicy(v.file, v.policy)] : []));
  const warnings = validated.flatMap((v) => (v.ok ? v.warnings : [])).sort(compareDiagnostics);
  return { registry: new PolicyRegistry(compiled), diagnostics, warnings };
}
