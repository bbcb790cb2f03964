import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { DecisionLog } from '../../decision-log/decision-log.js';
import { DecisionCache } from '../../evaluate/decision-cache.js';
import { evaluate } from '../../evaluate/evaluate.js';
import { validateRequestBody } from '../../evaluate/request.js';
import { serializeDecision } from '../../evaluate/serialize-decision.js';
import type { Decision, EvaluateRequest } from '../../model/evaluate-request.js';
import type { PolicyStore } from '../../registry/policy-store.js';
import { decisionSchema } from '../../schemas/decision-schema.js';
import { evaluateRequestSchema } from '../../schemas/evaluate-request-schema.js';
import { rawBodyOf } from '../json-body.js';
import { problemDetailsSchema } from '../problem-details.js';
import { withoutIdentity } from '../../schemas/without-identity.js';
import { sendProblems } from '../send-problems.js';

export interface EvaluateRouteOptions {
  readonly store: PolicyStore;
  readonly now: () => number;
  readonly decisionLog: DecisionLog | undefined;
  readonly cache: DecisionCache;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function evaluateRoute(app: FastifyInstance, { store, now, decisionLog, cache }: EvaluateRouteOptions): void {
  const logged = (request: EvaluateRequest, decision: Decision): void =>
    decisionLog?.append({ decisionId: decision.decisionId, time: new Date().toISOString(), policy: decision.policy, request, decision });

  app.post<{ Body: EvaluateRequest }>(
    '/v1/evaluate',
    {
      schema: {
        tags: ['decisions'],
        summary: 'Judge the facts of a month and/or of tickets under a policy.',
        body: withoutIdentity(evaluateRequestSchema),
        response: { 200: withoutIdentity(decisionSchema), '4xx': problemDetailsSchema },
      },
      validatorCompiler: () => validateRequestBody,
    },
    async (request, reply) => {
      // One registry for the whole request: a reload meanwhile does not change the terms mid-decision.
      const registry = store.current();
      // The language is part of the question: the same body asked in Swedish has a Swedish answer.
      const body = DecisionCache.cacheable(request.body.facts) ? rawBodyOf(request) : undefined;
      const key = body === undefined ? undefined : `${request.language}\u0000${body}`;
      const decisionId = randomUUID();
      const remembered = key === undefined ? undefined : cache.get(registry, key, decisionId);
      if (remembered !== undefined) {
        if (decisionLog) logged(request.body, JSON.parse(remembered) as Decision);
        return reply.type(JSON_TYPE).send(remembered);
      }
      const result = await evaluate(registry, request.body, { now: now(), decisionId, language: request.language });
      if (!result.ok) return sendProblems(reply, result.problems);
      const serialized = serializeDecision(result.decision);
      if (key !== undefined) cache.set(registry, key, result.decision, serialized);
      logged(request.body, result.decision);
      return reply.type(JSON_TYPE).send(serialized);
    },
  );
}
