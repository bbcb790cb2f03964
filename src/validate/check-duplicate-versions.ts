import { basename } from 'node:path';
import type { Diagnostic } from '../errors/problem.js';
import type { ValidatedFile } from './validate-policy.js';
import { problem } from '../errors/problem.js';
import { text } from '../messages/text.js';

/**
 * One version in two files (2.0.0.yaml and 2.0.0.yml) would make the terms
 * served depend on how the version is asked for; every such file is refused.
 */
export function checkDuplicateVersions(files: readonly ValidatedFile[]): Diagnostic[] {
  const byVersion = new Map<string, ValidatedFile[]>();
  for (const validated of files) {
    if (!validated.ok) continue;
    const key = `${validated.policy.id}\u0000${validated.policy.version}`;
    byVersion.set(key, [...(byVersion.get(key) ?? []), validated]);
  }
  return [...byVersion.values()]
    .filter((same) => same.length > 1)
    .flatMap((same) =>
      same.map(({ file }) => {
        const others = same.filter((other) => other.file !== file).map((other) => basename(other.file.file));
        return file.source.place(problem('DUPLICATE_VERSION', text('policy.duplicateVersion', { others: others.join(', ') }), ['version']));
      }),
    );
}
