import { DEFAULT_LANGUAGE } from '../messages/languages.js';
import type { Language } from '../messages/languages.js';
import { render } from '../messages/text.js';
import type { Text } from '../messages/text.js';
import type { ErrorCode } from './codes.js';

/** A location inside a JSON value: object keys and array indexes from the root. */
export type JsonPath = readonly (string | number)[];

/** An error as a value: a stable code, a plain-language message and where it is. */
export interface Problem {
  readonly code: ErrorCode;
  /** The message in English, for logs and the default language. */
  readonly message: string;
  /** The message as a catalog key and values, to write it in any language. */
  readonly text: Text;
  readonly path: JsonPath;
  /** For an unknown key, point at the key itself rather than its value. */
  readonly atKey?: boolean;
}

/** A problem placed in a file, for people: `file:line:col CODE message`. */
export interface Diagnostic extends Problem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export function problem(code: ErrorCode, text: Text, path: JsonPath = [], atKey = false): Problem {
  const message = render(DEFAULT_LANGUAGE, text);
  return atKey ? { code, message, text, path, atKey } : { code, message, text, path };
}

/** A problem placed at the start of a file (an unreadable or misplaced file has no better place). */
export function fileProblem(code: ErrorCode, text: Text, file: string): Diagnostic {
  return { ...problem(code, text), file, line: 1, col: 1 };
}

/** A problem's message in a language. */
export function messageIn(found: Problem, language: Language): string {
  return language === DEFAULT_LANGUAGE ? found.message : render(language, found.text);
}

/** `$.rebate.tiers[0].uptimeBelow`: the form services and legal both read. */
export function formatJsonPath(path: JsonPath): string {
  let text = '$';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) text += `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** The path without the leading `$.`, for messages: `rebate.tiers[0].uptimeBelow`. */
export function describePath(path: JsonPath, rootName: Text = { key: 'schema.root.file' }): Text | string {
  return path.length === 0 ? rootName : formatJsonPath(path).replace(/^\$\.?/, '');
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  return formatDiagnosticIn(diagnostic, DEFAULT_LANGUAGE);
}

/** `file:line:col CODE message`, the message in a language. */
export function formatDiagnosticIn(diagnostic: Diagnostic, language: Language): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.col} ${diagnostic.code} ${messageIn(diagnostic, language)}`;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.code.localeCompare(b.code);
}
