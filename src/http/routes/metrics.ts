import type { FastifyInstance } from 'fastify';
import { METRICS_CONTENT_TYPE } from '../../metrics/service-metrics.js';
import type { ServiceMetrics } from '../../metrics/service-metrics.js';

/** `GET /metrics` in Prometheus text format, and the latency of every request answered. */
export function metricsRoute(app: FastifyInstance, metrics: ServiceMetrics, text: () => Promise<string>): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.answered(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  app.get('/metrics', { schema: { tags: ['operations'], summary: 'Prometheus metrics: decisions, latency, reloads, loaded versions, caches, event-loop lag (all workers together).' } }, async (_request, reply) =>
    reply.type(METRICS_CONTENT_TYPE).send(await text()),
  );
}
