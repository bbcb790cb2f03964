import { parse, printParseErrorCode } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import { text } from '../messages/text.js';
import type { Text } from '../messages/text.js';

/** Where a JSON text breaks (line and column from 1, in characters; offset from 0) and what is wrong there, as a sentence. */
export interface JsonBreak {
  readonly line: number;
  readonly col: number;
  readonly offset: number;
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
  const code = first === undefined ? 'Other' : printParseErrorCode(first.error);
  const reported = first?.offset ?? Number(/at position (\d+)/.exec(refusal.message)?.[1] ?? 0);
  const comma = trailingCommaAt(source, reported, code);
  const zero = comma === undefined ? leadingZeroAt(source, reported, code) : undefined;
  const offset = comma ?? zero ?? (IN_TEXT.has(code) ? inTextAt(source, reported, code) : reported);
  const what = comma !== undefined ? 'trailingComma' : zero !== undefined ? 'leadingZero' : code.charAt(0).toLowerCase() + code.slice(1);
  return { ...lineAndColumn(source, offset), offset, reason: text('json.syntax', { what }) };
}

/** Line and column of an offset, a line ending at CR LF, LF or a CR alone, as editors count them. */
function lineAndColumn(source: string, offset: number): { line: number; col: number } {
  let [line, lineStart] = [1, 0];
  for (let at = 0; at < offset; at++) {
    const char = source[at];
    if (char === '\n' || (char === '\r' && source[at + 1] !== '\n')) [line, lineStart] = [line + 1, at + 1];
  }
  return { line, col: offset - lineStart + 1 };
}

/**
 * A number written with a leading zero (012): jsonc-parser reads the 0 as a
 * whole number and asks for a comma before the 12. The offset of that 0, or
 * undefined for any other mistake.
 */
function leadingZeroAt(source: string, offset: number, code: string): number | undefined {
  const startsNumber = !/[0-9.eE+]/.test(source[offset - 2] ?? '');
  return code === 'CommaExpected' && /[0-9]/.test(source[offset] ?? '') && source[offset - 1] === '0' && startsNumber ? offset - 1 : undefined;
}

/**
 * The commonest mistake gets its own words and place: a comma right before the
 * closing brace or bracket where a name or value was expected. Its offset, or
 * undefined for any other mistake.
 */
function trailingCommaAt(source: string, offset: number, code: string): number | undefined {
  if ((code !== 'PropertyNameExpected' && code !== 'ValueExpected') || (source[offset] !== '}' && source[offset] !== ']')) return undefined;
  const before = source.slice(0, offset).trimEnd();
  return before.endsWith(',') ? before.length - 1 : undefined;
}

/** Mistakes inside a text, which jsonc-parser places at the text's opening quote. */
const IN_TEXT = new Set(['InvalidCharacter', 'InvalidEscapeCharacter', 'InvalidUnicode']);
const ESCAPED = new Set([...'"\\/bfnrt']);
const HEX4 = /^[0-9A-Fa-f]{4}$/;

/** The character inside the text opened at `quote` that the mistake is about: a control character, or the backslash of a bad escape. */
function inTextAt(source: string, quote: number, code: string): number {
  for (let at = quote + 1; at < source.length && source[at] !== '"'; at++) {
    if (source.charCodeAt(at) < 0x20) return code === 'InvalidCharacter' ? at : quote;
    if (source[at] !== '\\') continue;
    const escaped = source[at + 1] ?? '';
    const bad = escaped === 'u' ? !HEX4.test(source.slice(at + 2, at + 6)) : !ESCAPED.has(escaped);
    if (bad) return at;
    at++; // the escaped character is not the end of the text
  }
  return quote;
}
