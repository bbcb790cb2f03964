import type { ErrorCode } from './codes.js';

/** A location inside a JSON value: object keys and array indexes from the root. */
export type JsonPath = readonly (string | number)[];

/** An error as a value: a stable code, a plain-language message and where it is. */
export interface Problem {
  readonly code: ErrorCode;
  readonly message: string;
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

export function problem(code: ErrorCode, message: string, path: JsonPath = [], atKey = false): Problem {
  return atKey ? { code, message, path, atKey } : { code, message, path };
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
export function describePath(path: JsonPath, rootName = 'the file'): string {
  return path.length === 0 ? rootName : formatJsonPath(path).replace(/^\$\.?/, '');
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.col} ${diagnostic.code} ${diagnostic.message}`;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.code.localeCompare(b.code);
}
