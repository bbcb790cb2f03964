// One benchmark target per process: `evaluate` (the real app on the bundled
// policies, logging as `npm start` does: one JSON line per request to stdout) or
// `bare` (a fastify route that parses the same body and returns a small object,
// no logging). Both answer GET /bench/cpu with their CPU time used. Prints "listening <port>" on stderr once ready.
import Fastify from 'fastify';
import { buildApp } from '../src/http/app.js';
import { serviceLogger } from '../src/http/server.js';
import { PolicyStore } from '../src/registry/policy-store.js';

const target = process.argv[2];

async function bare() {
  const app = Fastify();
  app.post('/bare', async (request) => {
    const body = request.body as { policy?: string; facts?: { incidents?: unknown[] } };
    return { policy: body.policy ?? null, incidents: body.facts?.incidents?.length ?? 0 };
  });
  return app;
}

async function evaluate() {
  const opened = await PolicyStore.open('policies');
  if (!opened.store) throw new Error('bundled policies do not load');
  return buildApp({ store: opened.store, logger: serviceLogger('info') });
}

const app = target === 'bare' ? await bare() : await evaluate();
// CPU time the process has used, so the bench can tell server cost per request apart from a busy machine.
app.get('/bench/cpu', async () => process.cpuUsage());
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stderr.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
// A plain exit lets `node --cpu-prof` write its profile.
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
