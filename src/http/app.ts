import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { DecisionLog } from '../decision-log/decision-log.js';
import { DecisionCache } from '../evaluate/decision-cache.js';
import type { DecisionCacheBudget } from '../evaluate/decision-cache.js';
import { requestAjv } from '../evaluate/request.js';
import type { PolicyStore } from '../registry/policy-store.js';
import type { Problem } from '../errors/problem.js';
import { clientErrorHandler, frameworkErrors } from './client-errors.js';
import { installErrorHandlers } from './error-handler.js';
import { installJsonBodyParser } from './json-body.js';
import { installLanguage } from './language.js';
import { CompactRequestLog } from './request-log.js';
import { metricsSource } from '../metrics/cluster-metrics.js';
import { ServiceMetrics } from '../metrics/service-metrics.js';
import { evaluateRoute } from './routes/evaluate.js';
import { evaluationsRoute } from './routes/evaluations.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoute } from './routes/metrics.js';
import { policyRoutes } from './routes/policies.js';
import { problemTypeRoutes } from './routes/problem-types.js';
import { studioRoutes } from './routes/studio.js';
import { targetsRoute } from './routes/targets.js';
import { validatePolicyRoute } from './routes/validate-policy.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Set when the process starts to shut down: every answer from then on carries Connection: close. */
    closing: boolean;
    /** How many connections the server has open now (none for injected requests). */
    openConnections: () => number;
  }
}

/** A request body larger than this is refused with 413 before it is parsed. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface AppOptions {
  readonly store: PolicyStore;
  readonly logger?: FastifyServerOptions['logger'];
  readonly bodyLimit?: number;
  readonly decisionLog?: DecisionLog;
  readonly now?: () => number;
  /** Bytes of decisions remembered for repeated requests (0 turns the cache off), and the most one entry may take. */
  readonly decisionCache?: DecisionCacheBudget;
  /** Milliseconds for a request's headers, and for the whole request with its body, to arrive (408 after). */
  readonly headerTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** What /metrics reports; the process passes its own so it can count reloads too. */
  readonly metrics?: ServiceMetrics;
}

export const DEFAULT_DECISION_CACHE: DecisionCacheBudget = { maxBytes: 32 * 1024 * 1024, maxEntryBytes: 64 * 1024 };
export const DEFAULT_HEADER_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Builds the HTTP app on a policy store; it never listens (the process module does). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  // Node wants the header limit within the whole-request limit (0 turns either off).
  const headerTimeout = options.headerTimeoutMs ?? DEFAULT_HEADER_TIMEOUT_MS;
  const headersTimeout = requestTimeout > 0 ? Math.min(headerTimeout, requestTimeout) : headerTimeout;
  const metrics = options.metrics ?? new ServiceMetrics();
  // Bytes that never became a request (not HTTP, headers too large or too late) are answered on the socket: counted and logged here.
  const answeredWithoutRequest = (found: Problem, status: number): void => {
    metrics.refused(found.code);
    app.log.info({ status, code: found.code }, 'answered before a request was read');
  };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // x-request-id is honoured when it is a sane id; anything longer or stranger gets a new one, never echoed back.
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // While closing, a request that still arrives on an open connection is answered, with Connection: close.
    return503OnClosing: false,
    requestTimeout,
    // Node checks the timeouts every connectionsCheckingInterval (30 s by default): often enough to keep them.
    http: { headersTimeout, connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(headersTimeout / 4))) },
    clientErrorHandler: clientErrorHandler(requestTimeout, answeredWithoutRequest),
    frameworkErrors,
    logController: new CompactRequestLog(),
  });
  app.setValidatorCompiler(({ schema }) => requestAjv.compile(schema));
  installJsonBodyParser(app);
  installLanguage(app);
  // Once closing (or draining before it), answer with Connection: close, so keep-alive clients let shutdown finish.
  app.decorate('closing', false);
  let open = 0;
  app.server.on('connection', (socket: Socket) => {
    open++;
    socket.once('close', () => open--);
  });
  app.decorate('openConnections', () => open);
  app.addHook('preClose', async () => {
    app.closing = true;
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    if (app.closing) reply.header('connection', 'close');
    done(null, payload);
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
  metrics.describePolicies(() => options.store.current());
  metricsRoute(app, metrics, metricsSource(metrics, (why) => app.log.warn({ why }, 'serving this worker\'s metrics only')));
  healthRoutes(app, options.store, options.decisionLog);
  policyRoutes(app, options.store);
  const cache = new DecisionCache(options.decisionCache ?? DEFAULT_DECISION_CACHE);
  metrics.countCacheBytes(() => cache.bytes(options.store.current()));
  evaluateRoute(app, { store: options.store, now: options.now ?? Date.now, decisionLog: options.decisionLog, cache, metrics });
  await evaluationsRoute(app, { store: options.store, now: options.now ?? Date.now, decisionLog: options.decisionLog, metrics, lineLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT, uploadStallMs: requestTimeout });
  targetsRoute(app, options.store);
  problemTypeRoutes(app, options.store);
  validatePolicyRoute(app, options.store);
  await studioRoutes(app, { store: options.store, now: options.now ?? Date.now });
  return app;
}
