// `npm run bench`: the evaluate endpoint against a bare fastify route in the same
// run, alternating, several rounds; then in-process speed and memory. Prints
// ratios against the baseline, since absolute numbers on a shared machine mean little.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { loadPolicies } from '../src/registry/load-policies.js';
import { thousandIncidentMonth, typicalMonth, typicalMonthWithCharges } from './cases.js';
import { decisionsPerSecond, memoryOver } from './in-process.js';

const env = process.env;
const ROUNDS = Number(env['BENCH_ROUNDS'] ?? 3);
const SECONDS = Number(env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = Number(env['BENCH_CONNECTIONS'] ?? 32);
const MEMORY_DECISIONS = Number(env['BENCH_MEMORY_DECISIONS'] ?? 1_000_000);

interface Target {
  readonly name: 'bare' | 'evaluate' | 'evaluate-distinct';
  readonly url: string;
  readonly child: ChildProcess;
}

function startTarget(name: Target['name']): Promise<Target> {
  const child = spawn(process.execPath, ['dist/bench/server.js', name], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const port = /listening (\d+)/.exec(chunk.toString())?.[1];
      if (port) resolve({ name, child, url: `http://127.0.0.1:${port}${name === 'bare' ? '/bare' : '/v1/evaluate'}` });
    });
    child.on('exit', (code) => reject(new Error(`${name} server exited with ${code}`)));
  });
}

interface Measured {
  readonly requestsPerSecond: number;
  readonly p99: number;
  readonly errors: number;
}

const typicalBody = JSON.stringify(typicalMonth);
let distinct = 0;
/** The typical month with charges no earlier request had: never answered from the decision cache. */
const distinctBody = (): string => JSON.stringify(typicalMonthWithCharges(distinct++));

async function load(target: Target, seconds: number): Promise<Measured> {
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    body: typicalBody,
    ...(target.name === 'evaluate-distinct' ? { requests: [{ setupRequest: (request: object) => ({ ...request, body: distinctBody() }) }] } : {}),
  });
  return { requestsPerSecond: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const bare = await startTarget('bare');
const evaluate = await startTarget('evaluate');
const evaluateDistinct: Target = { ...evaluate, name: 'evaluate-distinct' };
try {
  console.log(`HTTP: ${ROUNDS} rounds of ${SECONDS}s per target, ${CONNECTIONS} connections, the typical month (${JSON.stringify(typicalMonth).length} bytes)`);
  await load(bare, 2);
  await load(evaluate, 2); // warm both up
  const results: Record<Target['name'], Measured[]> = { bare: [], evaluate: [], 'evaluate-distinct': [] };
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 === 1 ? [bare, evaluate, evaluateDistinct] : [evaluateDistinct, evaluate, bare];
    for (const target of order) {
      const measured = await load(target, SECONDS);
      results[target.name].push(measured);
      console.log(`  round ${round} ${target.name.padEnd(17)} ${measured.requestsPerSecond.toFixed(0).padStart(7)} req/s  p99 ${String(measured.p99).padStart(3)} ms  errors ${measured.errors}`);
    }
  }
  const rate = (name: Target['name']) => median(results[name].map((r) => r.requestsPerSecond));
  const p99 = (name: Target['name']) => Math.max(...results[name].map((r) => r.p99));
  const errors = (name: Target['name']) => results[name].reduce((sum, r) => sum + r.errors, 0);
  console.log('');
  console.log('| case | req/s (median) | p99 (worst round) | errors | ratio to bare |');
  console.log('|---|---|---|---|---|');
  console.log(`| bare fastify route (baseline) | ${rate('bare').toFixed(0)} | ${p99('bare')} ms | ${errors('bare')} | 1.00 |`);
  console.log(`| POST /v1/evaluate, the same month again (decision cache) | ${rate('evaluate').toFixed(0)} | ${p99('evaluate')} ms | ${errors('evaluate')} | ${(rate('evaluate') / rate('bare')).toFixed(2)} |`);
  console.log(`| POST /v1/evaluate, every request different (evaluated) | ${rate('evaluate-distinct').toFixed(0)} | ${p99('evaluate-distinct')} ms | ${errors('evaluate-distinct')} | ${(rate('evaluate-distinct') / rate('bare')).toFixed(2)} |`);
} finally {
  bare.child.kill('SIGTERM');
  evaluate.child.kill('SIGTERM');
}

const { registry } = await loadPolicies('policies');
const typical = await decisionsPerSecond(registry, () => typicalMonth, 5);
const different = await decisionsPerSecond(registry, typicalMonthWithCharges, 5);
const thousandIncidents = thousandIncidentMonth();
const thousand = await decisionsPerSecond(registry, () => thousandIncidents, 5);
console.log('');
console.log('In process:');
console.log(`  typical month        ${typical.perSecond.toFixed(0).padStart(7)} decisions/s  ${(typical.msPerDecision * 1000).toFixed(0)} µs per decision`);
console.log(`  ... each different   ${different.perSecond.toFixed(0).padStart(7)} decisions/s  ${(different.msPerDecision * 1000).toFixed(0)} µs per decision`);
console.log(`  1,000-incident month ${thousand.perSecond.toFixed(0).padStart(7)} decisions/s  ${thousand.msPerDecision.toFixed(2)} ms per decision`);

if (MEMORY_DECISIONS > 0) {
  const readings = await memoryOver(registry, typicalMonth, MEMORY_DECISIONS, 4);
  console.log('');
  console.log(`Memory over ${MEMORY_DECISIONS.toLocaleString('en')} in-process decisions (RSS, and live heap after a full GC):`);
  for (const reading of readings) console.log(`  after ${reading.decisions.toLocaleString('en').padStart(9)}: RSS ${reading.rssMiB.toFixed(1)} MiB, heap ${reading.heapMiB.toFixed(1)} MiB`);
  const [, settled, ...rest] = readings;
  const last = rest[rest.length - 1] ?? settled;
  if (settled && last) console.log(`  growth after the first quarter: RSS ${(last.rssMiB - settled.rssMiB).toFixed(1)} MiB, heap ${(last.heapMiB - settled.heapMiB).toFixed(2)} MiB`);
}
