import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { DecisionLog } from '../decision-log/decision-log.js';
import { DecisionCache } from '../evaluate/decision-cache.js';
import { requestAjv } from '../evaluate/request.js';
import type { PolicyStore } from '../registry/policy-store.js';
import { installErrorHandlers } from './error-handler.js';
import { installJsonBodyParser } from './json-body.js';
import { installLanguage } from './language.js';
import { evaluateRoute } from './routes/evaluate.js';
import { healthRoutes } from './routes/health.js';
import { policyRoutes } from './routes/policies.js';
import { problemTypeRoutes } from './routes/problem-types.js';
import { targetsRoute } from './routes/targets.js';

/** A request body larger than this is refused with 413 before it is parsed. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface AppOptions {
  readonly store: PolicyStore;
  readonly logger?: FastifyServerOptions['logger'];
  readonly bodyLimit?: number;
  readonly decisionLog?: DecisionLog;
  readonly now?: () => number;
  /** Decisions remembered for repeated requests; 0 turns the cache off. */
  readonly decisionCacheSize?: number;
}

export const DEFAULT_DECISION_CACHE_SIZE = 2048;

/** Builds the HTTP app on a policy store; it never listens (the process module does). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
  });
  app.setValidatorCompiler(({ schema }) => requestAjv.compile(schema));
  installJsonBodyParser(app);
  installLanguage(app);
  // Once closing, answer in-flight requests with Connection: close, so keep-alive clients let shutdown finish.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Contract-terms policy evaluator',
        version: '1',
        description: 'Contract terms kept as versioned YAML policies, evaluated into decisions that name the version and sha256 of the terms they were made under. Errors are RFC 9457 problem details.',
      },
      tags: [{ name: 'decisions' }, { name: 'policies' }, { name: 'operations' }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  installErrorHandlers(app);
  healthRoutes(app, options.store);
  policyRoutes(app, options.store);
  evaluateRoute(app, { store: options.store, now: options.now ?? Date.now, decisionLog: options.decisionLog, cache: new DecisionCache(options.decisionCacheSize ?? DEFAULT_DECISION_CACHE_SIZE) });
  targetsRoute(app, options.store);
  problemTypeRoutes(app);
  return app;
}
