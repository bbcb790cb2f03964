import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { DecisionLog } from '../../decision-log/decision-log.js';
import { evaluate, serializeDecision } from '../../evaluate/evaluate.js';
import { validateRequestBody } from '../../evaluate/request.js';
import type { Decision, EvaluateRequest } from '../../model/evaluate-request.js';
import type { PolicyStore } from '../../registry/policy-store.js';
import { decisionSchema } from '../../schemas/decision-schema.js';
import { evaluateRequestSchema } from '../../schemas/evaluate-request-schema.js';
import { problemDetailsSchema } from '../problem-details.js';
import { sendProblems } from '../send-problems.js';
import { withoutIdentity } from '../schema-for-route.js';

export interface EvaluateRouteOptions {
  readonly store: PolicyStore;
  readonly now: () => number;
  readonly decisionLog: DecisionLog | undefined;
}

export function evaluateRoute(app: FastifyInstance, { store, now, decisionLog }: EvaluateRouteOptions): void {
  app.post<{ Body: EvaluateRequest }>(
    '/v1/evaluate',
    {
      schema: {
        tags: ['decisions'],
        summary: 'Judge the facts of a month and/or of tickets under a policy.',
        body: withoutIdentity(evaluateRequestSchema),
        response: {
          200: withoutIdentity(decisionSchema),
          '4xx': problemDetailsSchema,
        },
      },
      validatorCompiler: () => validateRequestBody,
      // The response schema documents the decision; the bytes come from the serializer the CLI uses too.
      serializerCompiler: () => (data) => serializeDecision(data as Decision),
    },
    async (request, reply) => {
      // One registry for the whole request: a reload meanwhile does not change the terms mid-decision.
      const registry = store.current();
      const result = await evaluate(registry, request.body, { now: now(), decisionId: randomUUID() });
      if (!result.ok) return sendProblems(reply, result.problems);
      const { decision } = result;
      decisionLog?.append({ decisionId: decision.decisionId, time: new Date().toISOString(), policy: decision.policy, request: request.body, decision });
      return decision;
    },
  );
}
