import { randomUUID } from 'node:crypto';
import type { Problem } from '../errors/problem.js';
import { evaluate } from '../evaluate/evaluate.js';
import { readJsonText } from '../evaluate/json-text.js';
import { readRequest } from '../evaluate/request.js';
import { serializeDecision } from '../evaluate/serialize-decision.js';
import { problem } from '../errors/problem.js';
import { askedLanguage, DEFAULT_LANGUAGE } from '../messages/languages.js';
import type { Language } from '../messages/languages.js';
import { text } from '../messages/text.js';
// The problem-details shape is the API's; a batch answers a bad line with the same document the endpoint would send.
import { toProblemDetails } from '../http/problem-details.js';
import type { Decision, EvaluateRequest } from '../model/evaluate-request.js';
import type { PolicyRegistry } from '../registry/policy-registry.js';
import type { NdjsonLine } from './ndjson-lines.js';

/** The answer to one batch line: its NDJSON text, and the decision when there is one. */
export type LineAnswer =
  | { readonly text: string; readonly decision: Decision; readonly request: EvaluateRequest }
  | { readonly text: string; readonly decision?: undefined; readonly problems: readonly Problem[] };

/**
 * One line of a batch, judged exactly as `POST /v1/evaluate` judges a body: the same
 * JSON reading, the same request schema, the same evaluate() and serializer. A bad
 * line is answered by its own problem details, with its line number.
 */
export async function answerLine(registry: PolicyRegistry, line: NdjsonLine, now: number, language: Language = DEFAULT_LANGUAGE): Promise<LineAnswer> {
  if ('tooLongBytes' in line) {
    return refusedLine(line.number, language, [problem('BODY_TOO_LARGE', text('batch.lineTooLong', { line: String(line.number), bytes: String(line.tooLongBytes), limit: String(line.limitBytes) }))]);
  }
  if ('notUtf8' in line) {
    return refusedLine(line.number, language, [problem('REQUEST_MALFORMED', text('batch.lineNotUtf8', { line: String(line.number), byte: line.notUtf8.byte, col: line.notUtf8.col }))]);
  }
  const json = readJsonText(line.text, line.number);
  const lineLanguage = askedLanguage(json.value) ?? language;
  if (!json.ok) return refusedLine(line.number, lineLanguage, json.problems);
  const request = readRequest(json.value);
  if (!request.ok) return refusedLine(line.number, lineLanguage, request.problems);
  const result = await evaluate(registry, request.request, { now, decisionId: randomUUID(), language: lineLanguage });
  if (!result.ok) return refusedLine(line.number, lineLanguage, result.problems);
  return { text: serializeDecision(result.decision), decision: result.decision, request: request.request };
}

/** A line answered by its problem details, with its line number. */
export function refusedLine(lineNumber: number, language: Language, problems: readonly Problem[]): LineAnswer {
  const [first, ...rest] = problems;
  const details = first ? toProblemDetails([first, ...rest], language) : undefined;
  return { text: JSON.stringify({ line: lineNumber, ...details }), problems };
}
