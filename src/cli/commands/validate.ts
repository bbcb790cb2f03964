import { formatDiagnostic } from '../../errors/problem.js';
import { loadPolicies } from '../../registry/load-policies.js';
import type { Output } from '../output.js';

/** Prints every problem of every file, or one summary line per policy. Returns the exit code. */
export async function validateCommand(dir: string, output: Output): Promise<number> {
  const { registry, diagnostics } = await loadPolicies(dir);
  if (diagnostics.length > 0) {
    for (const diagnostic of diagnostics) output.err(formatDiagnostic(diagnostic));
    output.err(`${diagnostics.length} problem(s) found in ${dir}`);
    return 1;
  }
  const ids = registry.ids();
  for (const id of ids) {
    const versions = registry.versions(id) ?? [];
    const list = versions.map((policy) => `${policy.ref.version} (${policy.status}, from ${policy.ref.effectiveFrom})`).join(', ');
    output.out(`${id}: ${versions.length} version(s): ${list}`);
  }
  if (ids.length === 0) output.out(`no policies found in ${dir}`);
  return 0;
}
