import type { FastifyInstance } from 'fastify';
import type { DecisionLog } from '../../decision-log/decision-log.js';
import type { PolicyStore } from '../../registry/policy-store.js';

export function healthRoutes(app: FastifyInstance, store: PolicyStore, decisionLog?: DecisionLog): void {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'The process is alive.' } }, async () => ({ status: 'ok' }));

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: "What is served: each loaded version with its file, sha256 and load time; the last reload and its outcome; the problems of a refused reload; the decision log's writes and write errors.",
      },
    },
    async () => {
      // The status stays 200: the log recovers only on a write, so routing traffic away would keep it failing.
      const log = decisionLog?.health();
      return {
        status: log?.failing ? 'decision log failing' : 'ready',
        policies: store.servedVersions(),
        lastReload: store.lastReload(),
        refusedReload: store.lastRefused(),
        ...(log ? { decisionLog: log } : {}),
      };
    },
  );
}
