// `npm run bench:soak`: the real service process under a sustained stream of
// distinct bodies, some of them large (about 1 MB), with a policy reload every few
// seconds, a rule that reads `account`, and the decision log on. Reports RSS at start and end, latency, errors
// and 5xx, then stops the process gracefully and checks every decision answered
// 200 is in the log. Not part of `npm test`.
import { spawn } from 'node:child_process';
import { cpSync, createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { typicalMonth } from './cases.js';

const env = process.env;
const SECONDS = Number(env['SOAK_SECONDS'] ?? 60);
const CONNECTIONS = Number(env['SOAK_CONNECTIONS'] ?? 32);
const LARGE_PERCENT = Number(env['SOAK_LARGE_PERCENT'] ?? 1);
const RELOAD_MS = Number(env['SOAK_RELOAD_MS'] ?? 3_000);
const LARGE_BYTES = 1_000_000;

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'soak-'));
cpSync('policies', join(dir, 'policies'), { recursive: true });
const policyFile = join(dir, 'policies', 'clicksend-sla', '1.0.0.yaml');
// The legal guide's own example rule, which reads `account`: large accounts must not grow the rule memo either.
const accountRule = ['rules:', '  - id: trial-accounts-excluded', '    when:', '      all:', '        - { fact: account, path: $.plan, operator: equal, value: trial }', '    then:', '      outcome: ineligible', '      code: TRIAL_ACCOUNT', '      message: trial accounts are not covered by the SLA'].join('\n');
const original = readFileSync(policyFile, 'utf8').replace('rules: []', accountRule);
writeFileSync(policyFile, original);
const logFile = join(dir, 'decisions.ndjson');
const port = await freePort();
const child = spawn(process.execPath, ['dist/src/http/main.js'], { env: { ...env, PORT: String(port), POLICIES_DIR: join(dir, 'policies'), DECISION_LOG: logFile, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'inherit', 'inherit'] });
const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
const rssMiB = (): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const base = `http://127.0.0.1:${port}`;
for (let tries = 0; ; tries++) {
  if (await fetch(`${base}/healthz`).then(() => true, () => false)) break;
  if (tries > 100) throw new Error('the service did not start');
  await new Promise((resolve) => setTimeout(resolve, 100));
}

// Old open tickets: 5,000 tickets opened six years before asOf, on the business calendar.
const tickets = Array.from({ length: 5_000 }, (_, index) => ({ id: `T-${index}`, priority: 'non-urgent', openedAt: new Date(Date.parse('2020-11-02T08:00:00Z') + index * 3_600_000).toISOString() }));
const ticketsStarted = performance.now();
const old = await fetch(`${base}/v1/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ policy: 'clicksend-sla', facts: { asOf: '2026-11-02T08:00:00Z', tickets } }) });
await old.arrayBuffer();
const ticketsMs = performance.now() - ticketsStarted;
console.log(`5,000 tickets open six years: ${old.status} in ${ticketsMs.toFixed(0)} ms (${((ticketsMs / 5_000) * 1000).toFixed(0)} µs per ticket, HTTP included)`);

let sent = 0;
const filler = 'x'.repeat(LARGE_BYTES - 2_000);
/** A body no other request in the run has: a different month and charges; every 100/LARGE_PERCENT-th about 1 MB. */
function nextBody(): string {
  const index = sent++;
  const month = `${2021 + Math.floor((index % 60) / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  const facts = { ...typicalMonth.facts, period: month, charges: { amount: (100 + index / 100).toFixed(2), currency: 'USD' }, asOf: '2026-11-02T10:00:00Z' };
  const large = LARGE_PERCENT > 0 && index % Math.round(100 / LARGE_PERCENT) === 0;
  return JSON.stringify({ ...typicalMonth, facts: large ? { ...facts, account: { plan: 'pro', note: `${index}${filler}` } } : facts });
}

let reloads = 0;
const reloader = setInterval(() => {
  reloads++;
  writeFileSync(policyFile, original.replace('changeNote:', `changeNote: reload ${reloads} -`));
}, RELOAD_MS);
const rss: number[] = [rssMiB()];
const sampler = setInterval(() => rss.push(rssMiB()), 1_000);

console.log(`soak: ${SECONDS}s at ${CONNECTIONS} connections, distinct bodies, ${LARGE_PERCENT}% of about 1 MB, a policy reload every ${RELOAD_MS} ms, decision log on`);
const result = await autocannon({
  url: `${base}/v1/evaluate`,
  method: 'POST',
  connections: CONNECTIONS,
  duration: SECONDS,
  headers: { 'content-type': 'application/json' },
  requests: [{ setupRequest: (request: object) => ({ ...request, body: nextBody() }) }],
});
clearInterval(reloader);
clearInterval(sampler);
rss.push(rssMiB());
const ready = (await (await fetch(`${base}/readyz`)).json()) as { decisionLog?: { written: number; failedWrites: number } };

const statuses = result.statusCodeStats as unknown as Record<string, { count: number }>;
const count = (test: (status: number) => boolean): number => Object.entries(statuses).reduce((sum, [status, stat]) => sum + (test(Number(status)) ? stat.count : 0), 0);
const ok = count((status) => status === 200);
child.kill('SIGTERM');
const code = await exited;
let logged = 0;
// The log of a run of large bodies passes 512 MB, more than one string holds: count its lines as it streams.
for await (const chunk of createReadStream(logFile)) for (const byte of chunk as Buffer) logged += byte === 10 ? 1 : 0;

console.log('');
console.log('| measure | value |');
console.log('|---|---|');
console.log(`| requests (200) | ${result.requests.total} (${ok}) |`);
console.log(`| requests/s (average) | ${result.requests.average.toFixed(0)} |`);
console.log(`| latency p50 / p99 / max | ${result.latency.p50} / ${result.latency.p99} / ${result.latency.max} ms |`);
console.log(`| errors (connection) / timeouts | ${result.errors} / ${result.timeouts} |`);
console.log(`| non-2xx / 5xx | ${result.non2xx} / ${count((status) => status >= 500)} |`);
console.log(`| large bodies sent | ${Math.ceil(sent * (LARGE_PERCENT / 100))} of ${sent} |`);
console.log(`| policy reloads | ${reloads} |`);
console.log(`| RSS at start / end / highest | ${rss[0]?.toFixed(0)} / ${rss[rss.length - 1]?.toFixed(0)} / ${Math.max(...rss).toFixed(0)} MiB |`);
const quarter = (fraction: number): string => Math.max(...rss.slice(Math.floor(rss.length * (fraction - 0.25)), Math.floor(rss.length * fraction) + 1)).toFixed(0);
console.log(`| RSS highest in each quarter of the run | ${[0.25, 0.5, 0.75, 1].map(quarter).join(' / ')} MiB |`);
console.log(`| decision log: written / failed writes (readyz) | ${ready.decisionLog?.written} / ${ready.decisionLog?.failedWrites} |`);
// The log may hold a few more: requests answered after autocannon stopped counting.
console.log(`| after SIGTERM: exit code; log lines (at least the ${ok} answered 200) | ${code}; ${logged} |`);
rmSync(dir, { recursive: true, force: true });
