import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { evaluate } from '../../evaluate/evaluate.js';
import type { PolicyStore } from '../../registry/policy-store.js';
import { evaluateRequestSchema } from '../../schemas/evaluate-request-schema.js';
import { sendProblems } from '../send-problems.js';

interface TargetsQuery {
  priority: string;
  openedAt: string;
  version?: string;
}

const ticketProperties = evaluateRequestSchema.properties.facts.properties.tickets.items.properties;

/** "Respond by": the due times of a ticket the moment it opens, judged through the same rules as /v1/evaluate. */
export function targetsRoute(app: FastifyInstance, store: PolicyStore): void {
  app.get<{ Params: { id: string }; Querystring: TargetsQuery }>(
    '/v1/policies/:id/targets',
    {
      schema: {
        tags: ['decisions'],
        summary: 'Due times of the action and response targets of a ticket opened at openedAt.',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 200 } } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['priority', 'openedAt'],
          properties: { priority: ticketProperties.priority, openedAt: ticketProperties.openedAt, version: evaluateRequestSchema.properties.version },
        },
      },
      // A "+" of an offset arrives decoded as a space when the caller did not percent-encode it.
      preValidation: async (request) => {
        request.query.openedAt = request.query.openedAt?.replace(' ', '+');
      },
    },
    async (request, reply) => {
      const { priority, openedAt, version } = request.query;
      const result = await evaluate(
        store.current(),
        { policy: request.params.id, ...(version === undefined ? {} : { version }), facts: { tickets: [{ id: 'new', priority, openedAt }], asOf: openedAt } },
        { now: Date.now(), decisionId: randomUUID(), language: request.language },
      );
      if (!result.ok) return sendProblems(reply, result.problems.map((found) => ({ ...found, path: found.path.length > 0 ? [found.path[found.path.length - 1] ?? ''] : [] })));
      const { decision } = result;
      const [ticket] = decision.support ?? [];
      const due = (target: { dueAt: string; targetMinutes: number; calendar: string }) => ({ dueAt: target.dueAt, targetMinutes: target.targetMinutes, calendar: target.calendar });
      return {
        policy: decision.policy,
        priority,
        openedAt,
        action: ticket ? due(ticket.action) : null,
        response: ticket ? due(ticket.response) : null,
        explanation: decision.explanation,
      };
    },
  );
}
