import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { loadPolicies } from '../dist/src/registry/load-policies.js';
import { evaluate } from '../dist/src/evaluate/evaluate.js';
import { serializeDecision } from '../dist/src/evaluate/serialize-decision.js';
import { validateRequestBody } from '../dist/src/evaluate/request.js';
import { readJsonText } from '../dist/src/evaluate/json-text.js';
import { DecisionCache, sightingOf } from '../dist/src/evaluate/decision-cache.js';
import { ServiceMetrics } from '../dist/src/metrics/service-metrics.js';
import { serviceLogger } from '../dist/src/http/server.js';
import { readFileSync } from 'node:fs';
const texts = readFileSync('/tmp/perf/wrk/bodies.ndjson', 'utf8').split('\n').slice(0, 20000);
const { registry } = await loadPolicies('policies');
const ctx = { now: Date.parse('2026-11-15T00:00:00Z'), decisionId: 'x' };
const parsed = texts.map((t) => JSON.parse(t));
const decisions = [];
for (let i = 0; i < 2000; i++) decisions.push((await evaluate(registry, parsed[i], ctx)).decision);
const serialized = decisions.map(serializeDecision);
const metrics = new ServiceMetrics();
const flat = serialized.map((t) => JSON.parse(t));
const cache = new DecisionCache({ maxBytes: 32 * 1024 * 1024, maxEntryBytes: 65536 });
const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', minLength: 8192, sync: false }));
let n = 0;
const cases = {
  readJsonText: (i) => readJsonText(texts[i % 20000]),
  validate: (i) => validateRequestBody(parsed[i % 20000]),
  'JSON.parse': (i) => JSON.parse(texts[i % 20000]),
  serialize: (i) => serializeDecision(decisions[i % 2000]),
  'cache get+set': (i) => { const key = sightingOf(`en\u0000${texts[(n++) % 20000]}`); cache.get(registry, key, 'id'); cache.set(registry, key, decisions[i % 2000], serialized[i % 2000]); },
  'metrics answered': (i) => metrics.answered('POST', '/v1/evaluate', 200, 0.0012 + (i % 7) / 1000),
  'metrics decided': (i) => metrics.decided(decisions[i % 2000]),
  'metrics cacheLookup': () => metrics.cacheLookup(false),
  'pino child+info': (i) => { const child = logger.child({ reqId: 'abc-' + i }); child.info({ method: 'POST', url: '/v1/evaluate', status: 200, ms: 1.2 }, 'request'); },
  randomUUID: () => randomUUID(),
  'cache distinct': (i) => { const key = sightingOf(`en\u0000${texts[i % 20000]}${i}`); cache.get(registry, key, 'id'); cache.set(registry, key, decisions[i % 2000], serialized[i % 2000]); },
  'sighting only': (i) => sightingOf(`en\u0000${texts[i % 20000]}${i}`),
  'pino child only': (i) => logger.child({ reqId: 'abc-' + i }),
  'pino info only': (i) => logger.info({ reqId: 'abc-' + i, method: 'POST', url: '/v1/evaluate', status: 200, ms: 1.2 }, 'request'),
  'serialize flat': (i) => serializeDecision(flat[i % 2000]),
  'stringify parsed body': (i) => JSON.stringify(parsed[i % 20000]),
};
for (let r = 0; r < 2; r++) for (const [name, f] of Object.entries(cases)) {
  const N = 100000; const t = performance.now(); for (let i = 0; i < N; i++) f(i); const us = (performance.now() - t) * 1000 / N;
  if (r === 1) console.log(name.padEnd(22), us.toFixed(2), 'µs');
}
