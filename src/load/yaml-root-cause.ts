import type { Diagnostic } from '../errors/problem.js';
import { problem } from '../errors/problem.js';
import { text as sentence } from '../messages/text.js';

/** The first line indented with a tab, and the column of that tab. */
function firstTabIndent(text: string): { line: number; col: number } | null {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const indent = /^[ \t]*/.exec(lines[index] ?? '')?.[0] ?? '';
    const tab = indent.indexOf('\t');
    if (tab >= 0 && (lines[index] ?? '').trim() !== '') return { line: index + 1, col: tab + 1 };
  }
  return null;
}

/**
 * One syntax mistake makes the YAML parser report several errors, each about
 * what it could no longer read. Legal needs the one cause: a tab used for
 * indentation (YAML wants spaces), or else the first error in the file.
 */
export function syntaxRootCause(file: string, text: string, syntax: readonly Diagnostic[]): Diagnostic[] {
  if (syntax.length === 0) return [];
  const tab = firstTabIndent(text);
  if (tab) {
    return [{ ...problem('YAML_TAB', sentence('policy.yamlTab', { line: tab.line })), file, ...tab }];
  }
  const [first] = [...syntax].sort((a, b) => a.line - b.line || a.col - b.col);
  return first ? [first] : [];
}
