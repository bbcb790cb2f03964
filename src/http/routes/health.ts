import type { FastifyInstance } from 'fastify';
import type { PolicyStore } from '../../registry/policy-store.js';

export function healthRoutes(app: FastifyInstance, store: PolicyStore): void {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'The process is alive.' } }, async () => ({ status: 'ok' }));

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'What is served: each loaded version with its file, sha256 and load time; the last reload and its outcome; the problems of a refused reload.',
      },
    },
    async () => ({
      status: 'ready',
      policies: store.servedVersions(),
      lastReload: store.lastReload(),
      refusedReload: store.lastRefused(),
    }),
  );
}
