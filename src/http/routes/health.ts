import type { FastifyInstance } from 'fastify';
import type { DecisionLog } from '../../decision-log/decision-log.js';
import type { PolicyStore } from '../../registry/policy-store.js';

export function healthRoutes(app: FastifyInstance, store: PolicyStore, decisionLog?: DecisionLog): void {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'The process is alive.' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { tags: ['operations'], summary: 'The loaded policy versions, the problems of a refused reload, and the decision log\'s writes and write errors.' } }, async () => {
    const registry = store.current();
    // The status stays 200: the log recovers only on a write, so routing traffic away would keep it failing.
    const log = decisionLog?.health();
    return {
      status: log?.failing ? 'decision log failing' : 'ready',
      policies: registry.ids().flatMap((id) => (registry.versions(id) ?? []).map((policy) => ({ ...policy.ref, status: policy.status }))),
      refusedReload: store.lastRefused(),
      ...(log ? { decisionLog: log } : {}),
    };
  });
}
