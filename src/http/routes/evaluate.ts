import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DecisionLog } from '../../decision-log/decision-log.js';
import { DecisionCache, sightingOf } from '../../evaluate/decision-cache.js';
import { evaluate } from '../../evaluate/evaluate.js';
import { validateRequestBody } from '../../evaluate/request.js';
import { serializeDecision } from '../../evaluate/serialize-decision.js';
import type { EvaluateRequest } from '../../model/evaluate-request.js';
import type { ServiceMetrics } from '../../metrics/service-metrics.js';
import type { PolicyStore } from '../../registry/policy-store.js';
import { decisionSchema } from '../../schemas/decision-schema.js';
import { evaluateRequestSchema } from '../../schemas/evaluate-request-schema.js';
import { problem } from '../../errors/problem.js';
import type { Problem } from '../../errors/problem.js';
import { decisionLogging } from '../decision-logging.js';
import { text } from '../../messages/text.js';
import { rawBodyOf } from '../json-body.js';
import { EXAMPLE_FILE, exampleFrom } from '../package-files.js';
import { problemDetailsSchema } from '../problem-details.js';
import { withoutIdentity } from '../../schemas/without-identity.js';
import { sendProblems } from '../send-problems.js';
import { Cohorts } from '../cohorts.js';

export interface EvaluateRouteOptions {
  readonly store: PolicyStore;
  readonly now: () => number;
  readonly decisionLog: DecisionLog | undefined;
  readonly cache: DecisionCache;
  readonly metrics: ServiceMetrics;
}

const JSON_TYPE = 'application/json; charset=utf-8';

type Answer = { readonly ok: true; readonly serialized: string } | { readonly ok: false; readonly problems: readonly Problem[] };

export function evaluateRoute(app: FastifyInstance, { store, now, decisionLog, cache, metrics }: EvaluateRouteOptions): void {
  const logged = decisionLogging(decisionLog, metrics);

  /** A request's answer: from the cache, or decided and serialized; logged to the decision log either way. */
  async function answerOf(request: FastifyRequest<{ Body: EvaluateRequest }>): Promise<Answer> {
    // One registry for the whole request: a reload meanwhile does not change the terms mid-decision.
    const registry = store.current();
    // The language is part of the question: the same body asked in Swedish has a Swedish answer.
    const body = cache.enabled && DecisionCache.cacheable(request.body.facts) ? rawBodyOf(request) : undefined;
    const sighting = body === undefined ? undefined : sightingOf(body, request.language);
    const decisionId = randomUUID();
    const remembered = sighting === undefined ? undefined : cache.get(registry, sighting, decisionId);
    if (sighting !== undefined) metrics.cacheLookup(remembered !== undefined);
    let answer = remembered;
    if (answer === undefined) {
      const result = await evaluate(registry, request.body, { now: now(), decisionId, language: request.language });
      if (!result.ok) return result;
      const made = result.decision;
      answer = { serialized: serializeDecision(made), policy: made.policy, eligible: made.rebate?.eligible };
      if (sighting !== undefined) cache.set(registry, sighting, made, answer.serialized);
    }
    if (!logged(request.log, request.body, decisionId, answer.policy, answer.serialized)) {
      return { ok: false, problems: [problem('DECISION_LOG_UNAVAILABLE', text('request.decisionLogUnavailable'))] };
    }
    // Counted as served only once it may be given: a decision the required log could not hold is refused.
    metrics.decided(answer.policy, answer.eligible);
    return { ok: true, serialized: answer.serialized };
  }
  // HTTP/1.1 carries one request at a time on a connection: with a single connection open, no other request can join a cohort.
  const answers = new Cohorts(answerOf, () => app.openConnections() === 1);

  app.post<{ Body: EvaluateRequest }>(
    '/v1/evaluate',
    {
      schema: {
        tags: ['decisions'],
        summary: 'Judge the facts of a month and/or of tickets under a policy.',
        body: { ...withoutIdentity(evaluateRequestSchema), ...exampleFrom(EXAMPLE_FILE) },
        response: { 200: withoutIdentity(decisionSchema), '4xx': problemDetailsSchema, 503: problemDetailsSchema },
      },
      validatorCompiler: () => validateRequestBody,
      // Every refusal of this route is counted by its code: the body parser's and the schema's too, not only evaluate()'s.
      onSend: (_request, reply, payload, done) => {
        if (reply.statusCode >= 400 && typeof payload === 'string') metrics.refused(/"code":"(\w+)"/.exec(payload)?.[1] ?? 'INTERNAL');
        done(null, payload);
      },
    },
    async (request, reply) => {
      const answered = await answers.run(request);
      return answered.ok ? reply.type(JSON_TYPE).send(answered.serialized) : sendProblems(reply, answered.problems);
    },
  );
}
