// `npm run bench`: in-process time per decision first (in a process that has
// done nothing else), then the evaluate endpoint against a bare fastify route in
// the same run, alternating, several rounds; the headline is every request a
// different month (as real callers send). Then a CPU profile of the server by
// module, and memory over many distinct decisions.
// Prints ratios against the baseline, since absolute numbers on a shared machine mean little.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicies } from '../src/registry/load-policies.js';
import type { PolicyRegistry } from '../src/registry/policy-registry.js';
import { distinctMonth, neverRepeating, thousandIncidentMonth, typicalMonth } from './cases.js';
import { load, startTarget, stopTarget } from './http-load.js';
import type { Measured, Target } from './http-load.js';
import { memoryOver, timeDecisions } from './in-process.js';
import { selfTimeByModule } from './profile-summary.js';

const env = process.env;
const ROUNDS = Number(env['BENCH_ROUNDS'] ?? 3);
const SECONDS = Number(env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = Number(env['BENCH_CONNECTIONS'] ?? 32);
const POOL = Number(env['BENCH_POOL'] ?? 20_000);
const MEMORY_DECISIONS = Number(env['BENCH_MEMORY_DECISIONS'] ?? 1_000_000);

const typicalBody = JSON.stringify(typicalMonth);
const distinctBody = neverRepeating(POOL);
/** The next body of a sequence that goes on from load to load, so no body is sent twice in the whole run. */
const sequence = (bodyAt: (n: number) => string): (() => string) => {
  let next = 0;
  return () => bodyAt(next++);
};
/** Each case of the evaluate endpoint has its own baseline: the bare route sent the very same bodies, so the load generator's own cost is the same on both sides. */
const cases = ['bare, distinct bodies', 'distinct', 'bare, one body', 'repeated'] as const;
type Case = (typeof cases)[number];

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

async function measureHttp(): Promise<void> {
  const bare = await startTarget('bare');
  const evaluate = await startTarget('evaluate');
  const runs: Record<Case, { target: Target; bodies: string | (() => string); results: Measured[] }> = {
    'bare, distinct bodies': { target: bare, bodies: sequence(distinctBody), results: [] },
    distinct: { target: evaluate, bodies: sequence(distinctBody), results: [] },
    'bare, one body': { target: bare, bodies: typicalBody, results: [] },
    repeated: { target: evaluate, bodies: typicalBody, results: [] },
  };
  try {
    console.log(`HTTP: ${ROUNDS} rounds of ${SECONDS}s per case, ${CONNECTIONS} connections, one process each; distinct bodies never repeat (${POOL.toLocaleString('en')} months, their charges raised by a cent each time round)`);
    // Warm up as long as a round: the distinct case fills what a running service has in memory (zone offsets, rule outcomes).
    for (const name of cases) await load(runs[name].target, runs[name].bodies, SECONDS, CONNECTIONS);
    for (let round = 1; round <= ROUNDS; round++) {
      for (const name of round % 2 === 1 ? cases : [...cases].reverse()) {
        const measured = await load(runs[name].target, runs[name].bodies, SECONDS, CONNECTIONS);
        runs[name].results.push(measured);
        console.log(`  round ${round} ${name.padEnd(21)} ${measured.requestsPerSecond.toFixed(0).padStart(7)} req/s  p99 ${String(measured.p99).padStart(4)} ms  server CPU ${measured.cpuMicrosPerRequest.toFixed(0).padStart(4)} µs/request  errors ${measured.errors}`);
      }
    }
  } finally {
    await Promise.all([stopTarget(bare), stopTarget(evaluate)]);
  }
  const rate = (name: Case) => median(runs[name].results.map((r) => r.requestsPerSecond));
  const p99 = (name: Case) => median(runs[name].results.map((r) => r.p99));
  const worstP99 = (name: Case) => Math.max(...runs[name].results.map((r) => r.p99));
  const errors = (name: Case) => runs[name].results.reduce((sum, r) => sum + r.errors, 0);
  const cpu = (name: Case) => median(runs[name].results.map((r) => r.cpuMicrosPerRequest));
  const row = (label: string, name: Case, baseline: Case) =>
    `| ${label} | ${rate(name).toFixed(0)} | ${rate(baseline).toFixed(0)} | **${(rate(name) / rate(baseline)).toFixed(2)}** | ${p99(name)} ms / ${p99(baseline)} ms (${(p99(name) / p99(baseline)).toFixed(1)}×; worst round ${worstP99(name)} / ${worstP99(baseline)} ms) | ${errors(name)} / ${errors(baseline)} | ${cpu(name).toFixed(0)} µs / ${cpu(baseline).toFixed(0)} µs (${(cpu(baseline) / cpu(name)).toFixed(2)}) |`;
  console.log('');
  console.log('| case | req/s (median of rounds) | bare route, same bodies | ratio to bare | p99 vs bare p99 (median of rounds) | errors (case / bare) | server CPU per request vs bare (bare ÷ case) |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(row('every request a different month (headline)', 'distinct', 'bare, distinct bodies'));
  console.log(row('the typical month again and again (decision cache)', 'repeated', 'bare, one body'));
}

async function profileServer(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const spawned = performance.now();
  const target = await startTarget('evaluate', ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const bodies = sequence(distinctBody);
  await load(target, bodies, SECONDS, CONNECTIONS); // warm up
  const measuredFrom = performance.now();
  await load(target, bodies, SECONDS, CONNECTIONS);
  await stopTarget(target);
  const [file] = readdirSync(dir);
  if (!file) return void console.log('(no CPU profile was written)');
  console.log('');
  console.log(`CPU profile of the server under ${SECONDS}s of distinct months, after as long a warm-up (self time by module, top 15):`);
  for (const { module, share } of selfTimeByModule(join(dir, file), (measuredFrom - spawned) * 1000).slice(0, 15)) console.log(`  ${(share * 100).toFixed(1).padStart(5)}%  ${module}`);
}

/** Timed first, in a process that has done nothing else yet: the HTTP rounds leave the load generator's garbage behind. */
async function measureInProcess(registry: PolicyRegistry): Promise<void> {
  const pool = Array.from({ length: POOL }, (_, index) => distinctMonth(index));
  const thousandIncidents = thousandIncidentMonth();
  const distinct = await timeDecisions(registry, (index) => pool[index % pool.length] ?? typicalMonth, 5);
  const same = await timeDecisions(registry, () => typicalMonth, 5);
  const thousand = await timeDecisions(registry, () => thousandIncidents, 5);
  console.log('In process (median time of one decision):');
  console.log(`  typical month, every one different  ${distinct.medianMicros.toFixed(1).padStart(7)} µs   (${distinct.perSecond.toFixed(0)} decisions/s)`);
  console.log(`  the typical month, the same again   ${same.medianMicros.toFixed(1).padStart(7)} µs   (${same.perSecond.toFixed(0)} decisions/s)`);
  console.log(`  1,000-incident month                ${(thousand.medianMicros / 1000).toFixed(2).padStart(7)} ms   (${thousand.perSecond.toFixed(0)} decisions/s)`);
  console.log('');
}

async function measureMemory(registry: PolicyRegistry): Promise<void> {
  if (MEMORY_DECISIONS <= 0) return;
  const readings = await memoryOver(registry, distinctMonth, MEMORY_DECISIONS, 4);
  console.log('');
  console.log(`Memory over ${MEMORY_DECISIONS.toLocaleString('en')} distinct in-process decisions (RSS, and live heap after a full GC):`);
  for (const reading of readings) console.log(`  after ${reading.decisions.toLocaleString('en').padStart(9)}: RSS ${reading.rssMiB.toFixed(1)} MiB, heap ${reading.heapMiB.toFixed(1)} MiB`);
  const [, settled, ...rest] = readings;
  const last = rest[rest.length - 1] ?? settled;
  if (settled && last) console.log(`  growth after the first quarter: RSS ${(last.rssMiB - settled.rssMiB).toFixed(1)} MiB, heap ${(last.heapMiB - settled.heapMiB).toFixed(2)} MiB`);
}

const { registry } = await loadPolicies('policies');
await measureInProcess(registry);
await measureHttp();
await profileServer();
await measureMemory(registry);
