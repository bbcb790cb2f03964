import type { FastifyInstance } from 'fastify';
import { codeFix, codeTitle } from '../../errors/code-text.js';
import { errorCodes } from '../../errors/codes.js';
import type { ErrorCode } from '../../errors/codes.js';
import { problem } from '../../errors/problem.js';
import { sendProblems } from '../send-problems.js';
import { text } from '../../messages/text.js';

/** The `type` URI of every problem document resolves here: what the code means and how to fix it. */
export function problemTypeRoutes(app: FastifyInstance): void {
  app.get<{ Params: { code: string } }>('/problems/:code', { schema: { tags: ['operations'], summary: 'What an error code means and how to fix it.' } }, async (request, reply) => {
    const { code } = request.params;
    if (!Object.hasOwn(errorCodes, code)) return sendProblems(reply, [problem('ROUTE_NOT_FOUND', text('request.errorCodeUnknown', { code }), ['code'])]);
    const known = code as ErrorCode;
    const { status } = errorCodes[known];
    return { code, title: codeTitle(known, request.language), ...(status === undefined ? {} : { status }), fix: codeFix(known, request.language) };
  });
}
