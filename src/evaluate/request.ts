import type { ErrorObject } from 'ajv';
import { describePath, problem } from '../errors/problem.js';
import type { Problem } from '../errors/problem.js';
import type { EvaluateRequest } from '../model/evaluate-request.js';
import { evaluateRequestSchema } from '../schemas/evaluate-request-schema.js';
import { createAjv } from '../validate/ajv.js';
import { schemaProblems } from '../validate/schema-problems.js';
import { text } from '../messages/text.js';

/** One validator for requests, used by the HTTP route and the CLI alike: first error only, nothing coerced or stripped. */
export const requestAjv = createAjv({ allErrors: false });
export const validateRequestBody = requestAjv.compile<EvaluateRequest>(evaluateRequestSchema);

/** An instant that would be well-formed but for digits below a millisecond. */
const FINER_THAN_A_MILLISECOND = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}\.\d{4,}([Zz]|[+-]\d{2}:\d{2})$/;

/** Schema errors of a request body, as REQUEST_INVALID problems at their JSON paths. */
export function requestProblems(errors: readonly ErrorObject[]): Problem[] {
  const root = text('schema.root.request');
  return errors.flatMap((error) => {
    const tooFine = error.keyword === 'pattern' && typeof error.data === 'string' && FINER_THAN_A_MILLISECOND.test(error.data);
    return schemaProblems([error], root).map((found) =>
      tooFine
        ? problem('REQUEST_INVALID', text('request.instantTooFine', { where: describePath(found.path, root) }), found.path)
        : { ...found, code: 'REQUEST_INVALID' as const },
    );
  });
}

export function readRequest(body: unknown): { ok: true; request: EvaluateRequest } | { ok: false; problems: Problem[] } {
  return validateRequestBody(body) ? { ok: true, request: body } : { ok: false, problems: requestProblems(validateRequestBody.errors ?? []) };
}
