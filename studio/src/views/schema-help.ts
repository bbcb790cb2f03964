import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import type { Extension, Text } from '@codemirror/state';
import { hoverTooltip } from '@codemirror/view';
import { policySchema } from '../../../src/schemas/policy-schema.js';

type Schema = { readonly [keyword: string]: unknown };

const KEY_LINE = /^(\s*)(- )?([\w$-]+):/;

/** The keys a YAML line sits under, read from indentation: ["rebate", "tiers", "-"] for a tier's key ("-" marks a list item). */
function parentKeys(doc: Text, lineNumber: number, indent: number): string[] {
  const keys: string[] = [];
  let limit = indent;
  for (let number = lineNumber - 1; number >= 1 && limit > 0; number--) {
    const match = KEY_LINE.exec(doc.line(number).text);
    if (!match) continue;
    const [, spaces = '', dash, key = ''] = match;
    if (dash) {
      // A list item holds the line when its dash is further left; its first key is the line's parent only when further left too.
      if (spaces.length >= limit) continue;
      keys.unshift(...(spaces.length + 2 < limit ? ['-', key] : ['-']));
      limit = spaces.length;
    } else {
      if (spaces.length >= limit) continue;
      keys.unshift(key);
      limit = spaces.length;
    }
  }
  return keys;
}

function resolve(schema: Schema | undefined): Schema | undefined {
  const reference = schema?.['$ref'];
  if (typeof reference !== 'string') return schema;
  return (policySchema.$defs as Record<string, Schema>)[reference.replace('#/$defs/', '')];
}

/** The schema of the value under a path of keys, following properties, maps and list items. */
function schemaAt(keys: readonly string[]): Schema | undefined {
  let schema: Schema | undefined = policySchema;
  for (const key of keys) {
    schema = resolve(schema);
    if (!schema) return undefined;
    if (key === '-') schema = schema['items'] as Schema | undefined;
    else schema = ((schema['properties'] as Record<string, Schema> | undefined)?.[key] ?? (typeof schema['additionalProperties'] === 'object' ? (schema['additionalProperties'] as Schema) : undefined));
  }
  return resolve(schema);
}

function keysAt(doc: Text, position: number): { keys: string[]; line: number } {
  const line = doc.lineAt(position);
  const match = /^(\s*)(- )?/.exec(line.text);
  const keys = parentKeys(doc, line.number, match?.[1]?.length ?? 0);
  return { keys: match?.[2] ? [...keys, '-'] : keys, line: line.number };
}

/** Completes the keys the policy schema allows at the cursor, each with its plain-words description. */
function completeKeys(context: CompletionContext): CompletionResult | null {
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  const typed = /^\s*(- )?([\w$-]*)$/.exec(before);
  if (!typed) return null;
  const properties = schemaAt(keysAt(context.state.doc, context.pos).keys)?.['properties'] as Record<string, Schema> | undefined;
  if (!properties) return null;
  return {
    from: context.pos - (typed[2]?.length ?? 0),
    options: Object.entries(properties).map(([key, schema]) => {
      const description = resolve(schema)?.['description'];
      return { label: key, type: 'property', apply: `${key}: `, ...(typeof description === 'string' ? { info: description } : {}) };
    }),
  };
}

/** What a key means, from the schema, when the pointer rests on it. */
const describeKey = hoverTooltip((view, position) => {
  const line = view.state.doc.lineAt(position);
  const match = KEY_LINE.exec(line.text);
  if (!match) return null;
  const start = line.from + (match[1]?.length ?? 0) + (match[2] ? 2 : 0);
  const key = match[3] ?? '';
  if (position < start || position > start + key.length) return null;
  const description = schemaAt([...keysAt(view.state.doc, start).keys, key])?.['description'];
  if (typeof description !== 'string') return null;
  return { pos: start, end: start + key.length, above: true, create: () => { const dom = document.createElement('div'); dom.className = 'cm-schema-help'; dom.textContent = description; return { dom }; } };
});

/** Completion and hover help for policy files, from the same JSON Schema the service validates with. */
export function schemaHelp(): Extension {
  return [EditorState.languageData.of(() => [{ autocomplete: completeKeys }]), describeKey];
}
