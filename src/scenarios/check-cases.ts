import type { Diagnostic } from '../errors/problem.js';
import type { PolicyRegistry } from '../registry/policy-registry.js';
import { loadCases } from './run-cases.js';
import { problem } from '../errors/problem.js';
import { text as sentence } from '../messages/text.js';

/**
 * What `validate` finds in the scenario case files: every schema problem, and
 * each case that names a version its policy does not have. Running the cases is
 * `policy test`'s job.
 */
export async function caseFileProblems(policiesDir: string, registry: PolicyRegistry): Promise<{ problems: Diagnostic[]; cases: number }> {
  let loaded;
  try {
    loaded = await loadCases(policiesDir);
  } catch {
    return { problems: [], cases: 0 }; // the folder itself cannot be read: validation of the policies says so
  }
  const versionProblems = loaded.cases.flatMap((item): Diagnostic[] => {
    const version = item.case.version;
    if (version === undefined || registry.version(item.policyId, version) || !registry.versions(item.policyId)) return [];
    const known = (registry.versions(item.policyId) ?? []).map((policy) => policy.ref.version).join(', ');
    return [{ ...problem('CASE_INVALID', sentence('policy.caseUnknownVersion', { name: item.case.name, version, policy: item.policyId, known })), file: item.file, line: item.line, col: 5 }];
  });
  return { problems: [...loaded.problems, ...versionProblems], cases: loaded.cases.length };
}
