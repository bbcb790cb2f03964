import { parse, printParseErrorCode } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import { text } from '../messages/text.js';
import type { Text } from '../messages/text.js';

/** Where a JSON text breaks (line and column from 1, in characters) and what is wrong there, as a sentence. */
export interface JsonBreak {
  readonly line: number;
  readonly col: number;
  readonly reason: Text;
}

const STRICT_JSON = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

/**
 * The first place a text that JSON.parse refused stops being JSON. V8's own
 * messages are English only and often name no position ("Unexpected token 'a',
 * "abc" is not valid JSON"), so jsonc-parser, read as strict JSON, finds the
 * place and the kind of mistake. Should it find none where JSON.parse did, V8's
 * position is used when its message gives one.
 */
export function whereJsonBreaks(source: string, refusal: Error): JsonBreak {
  const errors: ParseError[] = [];
  parse(source, errors, STRICT_JSON);
  const [first] = errors;
  const offset = first?.offset ?? Number(/at position (\d+)/.exec(refusal.message)?.[1] ?? 0);
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const code = first === undefined ? 'Other' : printParseErrorCode(first.error);
  const what = trailingComma(source, offset, code) ? 'trailingComma' : code.charAt(0).toLowerCase() + code.slice(1);
  return { line: before.split('\n').length, col: offset - lineStart + 1, reason: text('json.syntax', { what }) };
}

/** The commonest mistake gets its own words: a comma right before the closing brace or bracket where a name or value was expected. */
function trailingComma(source: string, offset: number, code: string): boolean {
  const closing = source[offset] === '}' || source[offset] === ']';
  return (code === 'PropertyNameExpected' || code === 'ValueExpected') && closing && source.slice(0, offset).trimEnd().endsWith(',');
}
