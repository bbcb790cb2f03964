import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import { problem } from '../errors/problem.js';
import type { Problem } from '../errors/problem.js';
import { requestProblems } from '../evaluate/request.js';
import { say } from '../messages/catalog.js';
import { answeredBeforeItsRoute } from './client-errors.js';
import { BodyProblems } from './json-body.js';
import { sendProblems } from './send-problems.js';
import { clip } from '../validate/schema-problems.js';
import { text } from '../messages/text.js';

/** A URL is echoed in a 404 only so far: enough to recognise it, never the whole of a long one. */
const SHOWN_URL_CHARACTERS = 100;

/** What fastify's own errors mean to a caller, as problems from the code table. */
function problemsOf(error: FastifyError, request: FastifyRequest, bodyLimit: number): readonly Problem[] | null {
  const answered = answeredBeforeItsRoute(request.raw);
  if (answered) return [answered];
  if (error instanceof BodyProblems) return error.problems;
  if (error.validation) {
    const context = error.validationContext === 'body' ? [] : [error.validationContext ?? 'request'];
    return requestProblems(error.validation as unknown as ErrorObject[]).map((found) => ({ ...found, path: [...context, ...found.path] }));
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [problem('BODY_TOO_LARGE', text('request.bodyTooLarge', { limit: bodyLimit }))];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return [problem('UNSUPPORTED_MEDIA_TYPE', text('request.mediaType'))];
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return [problem('REQUEST_MALFORMED', text('request.contentLength'))];
  }
  if (error.statusCode === 413) return [problem('BODY_TOO_LARGE', text('request.refused', { reason: error.message }))];
  if (error.statusCode === 415) return [problem('UNSUPPORTED_MEDIA_TYPE', text('request.refused', { reason: error.message }))];
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return [problem('REQUEST_MALFORMED', text('request.refused', { reason: error.message }))];
  return null;
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problems = problemsOf(error, request, app.initialConfig.bodyLimit ?? 0);
    if (problems) {
      request.log.info({ code: problems[0]?.code }, 'request refused');
      return sendProblems(reply, problems);
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).type('application/problem+json').send({ type: 'about:blank', title: say(request.language, 'problem.internal.title'), status: 500, detail: say(request.language, 'problem.internal.detail'), code: 'INTERNAL', errors: [] });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblems(reply, [problem('ROUTE_NOT_FOUND', text('request.routeNotFound', { method: request.method, url: clip(request.url.split('?')[0] ?? '', SHOWN_URL_CHARACTERS) }))]),
  );
}
