import type { ErrorObject } from 'ajv';
import type { Problem } from '../errors/problem.js';
import type { EvaluateRequest } from '../model/evaluate-request.js';
import { evaluateRequestSchema } from '../schemas/evaluate-request-schema.js';
import { createAjv } from '../validate/ajv.js';
import { schemaProblems } from '../validate/schema-problems.js';
import { text } from '../messages/text.js';

/** One validator for requests, used by the HTTP route and the CLI alike: first error only, nothing coerced or stripped. */
export const requestAjv = createAjv({ allErrors: false });
export const validateRequestBody = requestAjv.compile<EvaluateRequest>(evaluateRequestSchema);

/** Schema errors of a request body, as REQUEST_INVALID problems at their JSON paths. */
export function requestProblems(errors: readonly ErrorObject[]): Problem[] {
  return schemaProblems(errors, text('schema.root.request')).map((found) => ({ ...found, code: 'REQUEST_INVALID' }));
}

export function readRequest(body: unknown): { ok: true; request: EvaluateRequest } | { ok: false; problems: Problem[] } {
  return validateRequestBody(body) ? { ok: true, request: body } : { ok: false, problems: requestProblems(validateRequestBody.errors ?? []) };
}
