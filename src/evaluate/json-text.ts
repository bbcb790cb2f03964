import { problem } from '../errors/problem.js';
import type { JsonPath, Problem } from '../errors/problem.js';
import { text as sentence } from '../messages/text.js';
import { whereJsonBreaks } from '../load/json-syntax.js';

/** No request needs deeper nesting; far deeper would only exhaust the stack of whatever reads it. */
export const MAX_JSON_DEPTH = 32;

const [QUOTE, BACKSLASH, OPEN_OBJECT, OPEN_ARRAY, CLOSE_OBJECT, CLOSE_ARRAY] = [...'"\\{[}]'].map((char) => char.charCodeAt(0));

/** Whether the text opens more than `limit` arrays and objects in all: only then can it nest deeper (found by native searches, not a scan in JS). */
function opensMoreThan(text: string, limit: number): boolean {
  let opened = 0;
  for (const open of ['{', '[']) {
    for (let at = text.indexOf(open); at >= 0; at = text.indexOf(open, at + 1)) if (++opened > limit) return true;
  }
  return false;
}

/** How deeply the JSON text nests arrays and objects (a scan of the text, so any depth is safe to measure). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === BACKSLASH) index++; // skip the escaped character
      else if (char === QUOTE) inString = false;
    } else if (char === QUOTE) inString = true;
    else if (char === OPEN_OBJECT || char === OPEN_ARRAY) deepest = Math.max(deepest, ++depth);
    else if (char === CLOSE_OBJECT || char === CLOSE_ARRAY) depth--;
  }
  return deepest;
}

/**
 * Keys that would reach an object's prototype if the body were ever merged into
 * another object. The parsed keys are checked, not the text: JSON may spell a key
 * with escapes ("\u005f\u005fproto\u005f\u005f"). Parents are linked, so a path
 * is built only for the key refused.
 */
function findPoisonedKey(root: unknown): JsonPath | null {
  interface Visit {
    readonly value: unknown;
    readonly key: string | number | null;
    readonly parent: Visit | null;
  }
  const pathOf = (visit: Visit): JsonPath => {
    const path: (string | number)[] = [];
    for (let at: Visit | null = visit; at && at.key !== null; at = at.parent) path.unshift(at.key);
    return path;
  };
  const pending: Visit[] = [{ value: root, key: null, parent: null }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value } = next;
    if (value === null || typeof value !== 'object') continue;
    const isList = Array.isArray(value);
    for (const [key, child] of Object.entries(value)) {
      const visit = { value: child, key: isList ? Number(key) : key, parent: next };
      if (key === '__proto__' || (key === 'constructor' && child !== null && typeof child === 'object' && 'prototype' in child)) return pathOf(visit);
      if (child !== null && typeof child === 'object') pending.push(visit);
    }
  }
  return null;
}

/**
 * Whether the text may hold a key that findPoisonedKey refuses: it names one, or
 * writes some character as an escape (which could spell one). Most bodies do
 * neither, and are spared the walk over every key.
 */
function mayHoldPoisonedKey(text: string): boolean {
  return text.includes('__proto__') || text.includes('constructor') || text.includes('\\u');
}

/** Whether the text has nothing but JSON whitespace (an empty body), found without copying it. */
function isBlank(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char !== 0x20 && char !== 0x0a && char !== 0x0d && char !== 0x09) return false;
  }
  return true;
}

/** A refused text that was JSON still has its value, for what it asks of the answer (its `lang`). */
export type JsonTextResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problems: readonly Problem[]; readonly value?: unknown };

/**
 * A JSON text from a caller (a request body, one line of a batch), parsed with a
 * message that says where the JSON breaks, never too deep and without prototype keys.
 * `line` names a batch line in messages; without it the text is the request body.
 */
export function readJsonText(text: string, line?: number): JsonTextResult {
  const at = line === undefined ? {} : { line: String(line) };
  if (isBlank(text)) return { ok: false, problems: [problem('REQUEST_MALFORMED', sentence(line === undefined ? 'request.bodyEmpty' : 'batch.lineEmpty', at))] };
  if (opensMoreThan(text, MAX_JSON_DEPTH) && nestingDepth(text) > MAX_JSON_DEPTH) {
    return { ok: false, problems: [problem('REQUEST_INVALID', sentence(line === undefined ? 'request.bodyTooDeep' : 'batch.lineTooDeep', { ...at, max: MAX_JSON_DEPTH }))] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const where = whereJsonBreaks(text, error as Error);
    // A batch line is one line of the batch, whatever JSON whitespace it holds: its column counts from the line's start.
    const place = line === undefined ? { line: where.line, col: where.col } : { ...at, col: where.offset + 1 };
    return { ok: false, problems: [problem('REQUEST_MALFORMED', sentence(line === undefined ? 'request.bodyNotJson' : 'batch.lineNotJson', { ...place, reason: where.reason }))] };
  }
  // The parsed keys are checked, not the text: JSON may spell a key with escapes.
  const poisoned = mayHoldPoisonedKey(text) ? findPoisonedKey(value) : null;
  if (poisoned) return { ok: false, problems: [problem('REQUEST_INVALID', sentence('request.keyNotAllowed', { key: String(poisoned[poisoned.length - 1]) }), poisoned)], value };
  return { ok: true, value };
}
