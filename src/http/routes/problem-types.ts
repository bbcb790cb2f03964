import type { FastifyInstance } from 'fastify';
import { errorCodes } from '../../errors/codes.js';
import type { ErrorCode } from '../../errors/codes.js';
import { problem } from '../../errors/problem.js';
import { sendProblems } from '../send-problems.js';

/** The `type` URI of every problem document resolves here: what the code means and how to fix it. */
export function problemTypeRoutes(app: FastifyInstance): void {
  app.get<{ Params: { code: string } }>('/problems/:code', { schema: { tags: ['operations'], summary: 'What an error code means and how to fix it.' } }, async (request, reply) => {
    const { code } = request.params;
    if (!Object.hasOwn(errorCodes, code)) return sendProblems(reply, [problem('ROUTE_NOT_FOUND', `there is no error code "${code}"`, ['code'])]);
    return { code, ...errorCodes[code as ErrorCode] };
  });
}
