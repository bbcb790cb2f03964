import { createReadStream } from 'node:fs';
import { ndjsonLines } from '../batch/ndjson-lines.js';
import { text } from '../messages/text.js';
import type { Text } from '../messages/text.js';
import type { Decision, EvaluateRequest } from '../model/evaluate-request.js';

/** One NDJSON line: enough to replay the decision later under any version. */
export interface DecisionLogEntry {
  readonly decisionId: string;
  readonly time: string;
  readonly policy: Decision['policy'];
  readonly request: EvaluateRequest;
  readonly decision: Decision;
}

/** Each line of a log, in order: an entry, or why it is not one. */
export type LogLine = { readonly line: number; readonly entry: DecisionLogEntry } | { readonly line: number; readonly problem: Text };

/**
 * Reads a decision log line by line (a log may be larger than memory). A line
 * that is not UTF-8, not JSON (cut short by a crash) or JSON but not a decision
 * entry is handed on as a problem, and reading goes on.
 */
export async function* readDecisionLog(path: string): AsyncGenerator<LogLine> {
  // Read as bytes, as a batch is: a line that is not UTF-8 is reported, not replayed with U+FFFD in it.
  for await (const read of ndjsonLines(createReadStream(path), Number.MAX_SAFE_INTEGER)) {
    const { number } = read;
    if ('notUtf8' in read) {
      yield { line: number, problem: text('log.notUtf8', { col: read.notUtf8.col }) };
      continue;
    }
    if (!('text' in read) || read.text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(read.text);
    } catch {
      yield { line: number, problem: text('log.notWholeEntry') };
      continue;
    }
    const missing = missingPart(value);
    yield missing === null ? { line: number, entry: value as DecisionLogEntry } : { line: number, problem: text('log.notDecisionEntry', { missing }) };
  }
}

function missingPart(value: unknown): Text | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return text('log.notAnObject');
  const entry = value as Record<string, unknown>;
  const isObject = (key: string): boolean => entry[key] !== null && typeof entry[key] === 'object' && !Array.isArray(entry[key]);
  if (typeof entry['decisionId'] !== 'string') return text('log.noPart', { part: 'decisionId' });
  if (typeof entry['time'] !== 'string' || Number.isNaN(Date.parse(entry['time']))) return text('log.noPart', { part: 'time' });
  for (const key of ['policy', 'request', 'decision']) if (!isObject(key)) return text('log.noPart', { part: key });
  return null;
}
