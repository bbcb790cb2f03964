import { errorCodes } from '../errors/codes.js';
import type { ErrorCode } from '../errors/codes.js';
import { formatJsonPath } from '../errors/problem.js';
import type { Problem } from '../errors/problem.js';

/** RFC 9457 problem details; `errors` names each offending field by its JSON path. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: ErrorCode;
  readonly errors: readonly { readonly code: ErrorCode; readonly path: string; readonly message: string }[];
}

/** The longest message or path sent back: an answer never grows with the input it refuses (a 1 MB key, say). */
const MAX_ECHOED_CHARACTERS = 500;

function bounded(text: string): string {
  return text.length <= MAX_ECHOED_CHARACTERS ? text : `${text.slice(0, MAX_ECHOED_CHARACTERS)}… (${text.length} characters)`;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemTypeUri(code: ErrorCode): string {
  return `/problems/${code}`;
}

export function statusOf(code: ErrorCode): number {
  return errorCodes[code].status ?? 400;
}

/** One document for one or more problems; the first problem's code sets the status. */
export function toProblemDetails(problems: readonly [Problem, ...Problem[]]): ProblemDetails {
  const [first] = problems;
  const entry = errorCodes[first.code];
  return {
    type: problemTypeUri(first.code),
    title: entry.title,
    status: statusOf(first.code),
    detail: bounded(problems.length === 1 ? first.message : `${first.message} (and ${problems.length - 1} more problem(s))`),
    code: first.code,
    errors: problems.map((found) => ({ code: found.code, path: bounded(formatJsonPath(found.path)), message: bounded(found.message) })),
  };
}

export const problemDetailsSchema = {
  type: 'object',
  description: 'RFC 9457 problem details.',
  required: ['type', 'title', 'status', 'detail', 'code', 'errors'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'path', 'message'],
        properties: { code: { type: 'string' }, path: { type: 'string', description: 'JSON path of the offending field, e.g. $.facts.incidents[0].cause' }, message: { type: 'string' } },
      },
    },
  },
} as const;
