import { isAlias, isMap, isNode, isPair, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node } from 'yaml';
import { problem } from '../errors/problem.js';
import type { Diagnostic, JsonPath, Problem } from '../errors/problem.js';
import { oneByteText } from '../model/one-byte-text.js';
import { syntaxRootCause } from './yaml-root-cause.js';
import { text as sentence } from '../messages/text.js';
import type { Text } from '../messages/text.js';

/** Aliases are a YAML convenience legal does not need; a few are harmless, many are a billion-laughs attack. */
export const MAX_ALIASES = 10;

export interface Position {
  readonly line: number;
  readonly col: number;
}

/** A parsed YAML text that remembers where every value came from. */
export interface YamlSource {
  readonly file: string;
  /** The plain value; undefined when the text could not be parsed. */
  readonly value: unknown;
  /** Problems of the YAML itself: syntax, duplicate keys, aliases, tags. */
  readonly problems: readonly Diagnostic[];
  /** Places a problem found later (schema, checks) at its line and column. */
  readonly place: (problem: Problem) => Diagnostic;
  /** The line and column of the value (or, with atKey, the key) at a path. */
  readonly locate: (path: JsonPath, atKey?: boolean) => Position;
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // An error found only at the end of the text (an unclosed bracket or quote) belongs to the last line written.
  const lastContent = text.trimEnd().length;
  const at = (offset: number): Position => lineCounter.linePos(offset >= lastContent && lastContent > 0 ? text.lastIndexOf('\n', lastContent - 1) + 1 : offset);
  const problems: Diagnostic[] = [];

  for (const error of doc.errors) {
    const code = error.code === 'DUPLICATE_KEY' ? 'YAML_DUPLICATE_KEY' : 'YAML_SYNTAX';
    const message = code === 'YAML_DUPLICATE_KEY' ? sentence('policy.yamlDuplicateKey') : plainYamlMessage(error.message);
    problems.push({ ...problem(code, message), file, ...at(error.pos[0]) });
  }
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED') continue; // reported below, at the tag
    problems.push({ ...problem('YAML_SYNTAX', plainYamlMessage(warning.message)), file, ...at(warning.pos[0]) });
  }
  const syntax = problems.filter((found) => found.code === 'YAML_SYNTAX');
  problems.splice(0, problems.length, ...problems.filter((found) => found.code !== 'YAML_SYNTAX'), ...syntaxRootCause(file, text, syntax));

  let aliases = 0;
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node) && ++aliases === MAX_ALIASES + 1) {
        problems.push({ ...problem('YAML_ALIAS', sentence('policy.yamlAliases', { max: MAX_ALIASES })), file, ...at(node.range?.[0] ?? 0) });
      }
      if (node.tag !== undefined) {
        problems.push({ ...problem('YAML_TAG', sentence('policy.yamlTag', { tag: node.tag })), file, ...at(node.range?.[0] ?? 0) });
      }
      // Before the keys become property names: V8 keeps a name in the form it first met it.
      if (isScalar(node) && typeof node.value === 'string') node.value = oneByteText(node.value);
    },
  });

  const value = problems.length === 0 ? plainValue(doc, file, problems, at) : undefined;
  const locate = (path: JsonPath, atKey = false): Position => at(offsetOf(doc, path, atKey));
  const place = (found: Problem): Diagnostic => ({ ...found, file, ...locate(found.path, found.atKey === true) });
  return { file, value, problems, place, locate };
}

/** The document as plain values; an alias to an anchor set nowhere before it is a problem, not an exception. */
function plainValue(doc: Document, file: string, problems: Diagnostic[], at: (offset: number) => Position): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    let offset = 0;
    visit(doc, {
      Alias(_key, node) {
        if (!offset) offset = node.range?.[0] ?? 0;
      },
    });
    problems.push({ ...problem('YAML_SYNTAX', sentence('policy.yamlAliasWithoutAnchor')), file, ...at(offset) });
    return undefined;
  }
}

/** The offset of the node at `path`, or of the nearest ancestor that exists. */
function offsetOf(doc: Document, path: JsonPath, atKey: boolean): number {
  for (let depth = path.length; depth > 0; depth--) {
    const parent = doc.getIn(path.slice(0, depth - 1), true);
    const last = path[depth - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(last));
      if (pair && isPair(pair)) {
        const target = depth === path.length && !atKey && isNode(pair.value) ? pair.value : pair.key;
        if (isNode(target) && target.range) return target.range[0];
      }
    } else if (parent && isNode(parent) && 'items' in parent && typeof last === 'number') {
      const item = (parent as { items: unknown[] }).items[last];
      if (isNode(item) && item.range) return item.range[0];
    }
  }
  const root: Node | null = doc.contents;
  return root?.range?.[0] ?? 0;
}

/** The yaml library's messages quote the source; keep the first sentence only. */
function plainYamlMessage(message: string): Text {
  const first = message.split('\n')[0] ?? message;
  return sentence('policy.yamlSyntax', { reason: first.replace(/ at line \d+, column \d+.*$/, '') });
}
