import { isScalar, parseDocument } from 'yaml';

/** The first line every policy file carries, so editors check it against the schema. */
export const POLICY_MODELINE = '# yaml-language-server: $schema=../../schemas/policy.schema.json';

/**
 * Sets top-level scalar values in a policy file's text, leaving every other
 * byte as legal wrote it: comments, quotes, order and blank lines. The yaml
 * Document API finds each value's exact range; only those ranges are replaced.
 * `values` are YAML literals, e.g. `"2.0.0"` or `draft`. Null when a key is missing.
 */
export function setTopLevelScalars(text: string, values: Readonly<Record<string, string>>): string | null {
  const doc = parseDocument(text, { keepSourceTokens: true });
  if (doc.errors.length > 0) return null;
  const edits: { from: number; to: number; literal: string }[] = [];
  for (const [key, literal] of Object.entries(values)) {
    const node = doc.get(key, true);
    if (!isScalar(node) || !node.range) return null;
    edits.push({ from: node.range[0], to: node.range[1], literal });
  }
  let edited = text;
  for (const { from, to, literal } of edits.sort((a, b) => b.from - a.from)) edited = edited.slice(0, from) + literal + edited.slice(to);
  return edited;
}

/** The text with the schema modeline as its first line (kept when already there). */
export function withModeline(text: string): string {
  return text.startsWith('# yaml-language-server: $schema=') ? text : `${POLICY_MODELINE}\n${text}`;
}
