import { compilePolicy } from '../compile/compile-policy.js';
import type { CompiledPolicy } from '../compile/compiled-policy.js';
import { compareDiagnostics, fileProblem } from '../errors/problem.js';
import type { Diagnostic } from '../errors/problem.js';
import { MAX_POLICY_FILE_BYTES, policyFileFromText } from '../load/policy-files.js';
import { PolicyRegistry } from '../registry/policy-registry.js';
import { validatePolicyFile } from '../validate/validate-policy.js';
import { text as sentence } from '../messages/text.js';

/** What a draft text is called in diagnostics when the caller names no file. */
export const DRAFT_FILE = 'draft.yaml';

export type CheckedDraft =
  | { readonly ok: true; readonly policy: CompiledPolicy; readonly diagnostics: readonly [] }
  | { readonly ok: false; readonly sha256: string; readonly diagnostics: readonly Diagnostic[] };

/** `policies/<id>/<version>.yaml` or `<id>/<version>.yaml`: the folder and version a file name stands for. */
function placeOf(file: string): { folderId: string; fileVersion: string } | null {
  const match = /(?:^|\/)([^/]+)\/([^/]+)\.ya?ml$/.exec(file);
  return match?.[1] && match[2] ? { folderId: match[1], fileVersion: match[2] } : null;
}

/** The id and version a text declares, so a draft with no file name is checked against its own labels. */
function declaredPlace(value: unknown): { folderId: string; fileVersion: string } {
  const record = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  return { folderId: String(record['id'] ?? ''), fileVersion: String(record['version'] ?? '') };
}

/**
 * Checks a policy text exactly as the loader checks a file, and compiles it when
 * it passes; nothing is written or served. Without a file name, the id and version
 * it declares stand for its folder and file name.
 */
export function checkDraft(text: string, file = DRAFT_FILE): CheckedDraft {
  const probe = policyFileFromText(file, '', '', text);
  if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_FILE_BYTES) {
    const diagnostic: Diagnostic = fileProblem('FILE_TOO_LARGE', sentence('policy.textTooLarge', { size: Buffer.byteLength(text, 'utf8'), max: MAX_POLICY_FILE_BYTES }), file);
    return { ok: false, sha256: probe.sha256, diagnostics: [diagnostic] };
  }
  const place = placeOf(file) ?? declaredPlace(probe.source.value);
  const validated = validatePolicyFile({ ...probe, ...place });
  if (!validated.ok) return { ok: false, sha256: probe.sha256, diagnostics: [...validated.diagnostics].sort(compareDiagnostics) };
  return { ok: true, policy: compilePolicy(validated.file, validated.policy), diagnostics: [] };
}

/** The loaded versions with the draft beside them; a draft of a loaded version's label takes its place. */
export function registryWithDraft(registry: PolicyRegistry, draft: CompiledPolicy): PolicyRegistry {
  const others = registry.ids().flatMap((id) => (registry.versions(id) ?? []).filter((policy) => !(policy.ref.id === draft.ref.id && policy.ref.version === draft.ref.version)));
  return new PolicyRegistry([...others, draft]);
}
