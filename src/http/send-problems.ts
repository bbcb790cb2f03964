import type { FastifyReply } from 'fastify';
import type { Problem } from '../errors/problem.js';
import { PROBLEM_CONTENT_TYPE, toProblemDetails } from './problem-details.js';

export function sendProblems(reply: FastifyReply, problems: readonly Problem[]): FastifyReply {
  const [first, ...rest] = problems;
  if (!first) throw new Error('sendProblems needs at least one problem');
  const details = toProblemDetails([first, ...rest], reply.request.language);
  return reply.code(details.status).type(PROBLEM_CONTENT_TYPE).send(details);
}
