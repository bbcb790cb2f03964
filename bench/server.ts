// One benchmark target per process: `evaluate` (the real app on the bundled
// policies) or `bare` (a fastify route that parses the same body and returns a
// small object). Prints "listening <port>" once ready.
import Fastify from 'fastify';
import { buildApp } from '../src/http/app.js';
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
  return buildApp({ store: opened.store });
}

const app = target === 'bare' ? await bare() : await evaluate();
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
