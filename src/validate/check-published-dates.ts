import { problem } from '../errors/problem.js';
import type { Diagnostic } from '../errors/problem.js';
import type { ValidatedFile } from './validate-policy.js';
import { text } from '../messages/text.js';

/** Two published versions of one policy starting the same day would leave the choice undefined. */
export function checkPublishedDates(files: readonly ValidatedFile[]): Diagnostic[] {
  const firstByDate = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const validated of files) {
    if (!validated.ok || validated.policy.status !== 'published') continue;
    const { policy, file } = validated;
    const key = `${policy.id}\u0000${policy.effectiveFrom}`;
    const first = firstByDate.get(key);
    // The same version twice is a duplicate version, reported as such (check-duplicate-versions).
    if (first === undefined || first === policy.version) {
      firstByDate.set(key, policy.version);
      continue;
    }
    diagnostics.push(
      file.source.place(problem('DUPLICATE_EFFECTIVE_DATE', text('policy.duplicateEffectiveDate', { version: first, effectiveFrom: policy.effectiveFrom }), ['effectiveFrom'])),
    );
  }
  return diagnostics;
}
