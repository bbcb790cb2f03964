import type { FastifyInstance } from 'fastify';
import type { PolicyStore } from '../../registry/policy-store.js';

export function healthRoutes(app: FastifyInstance, store: PolicyStore): void {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'The process is alive.' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { tags: ['operations'], summary: 'The loaded policy versions, and the problems of a refused reload if the last one was refused.' } }, async () => {
    const registry = store.current();
    return {
      status: 'ready',
      policies: registry.ids().flatMap((id) => (registry.versions(id) ?? []).map((policy) => ({ ...policy.ref, status: policy.status }))),
      refusedReload: store.lastRefused(),
    };
  });
}
