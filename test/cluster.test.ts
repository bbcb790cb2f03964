import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyPolicies, runCli } from './helpers.js';

// The real process with WORKERS=2: a primary and two workers sharing one port.
const typicalMonth = readFileSync('examples/typical-month.json', 'utf8');
const running: ChildProcess[] = [];
afterEach(() => running.splice(0).forEach((child) => child.kill('SIGKILL')));

interface Cluster {
  readonly child: ChildProcess;
  readonly port: number;
  readonly logs: () => string;
  readonly exited: Promise<number | null>;
}

function spawnService(policiesDir: string, env: Record<string, string> = {}): { child: ChildProcess; logs: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['dist/src/http/main.js'], { env: { ...process.env, PORT: '0', POLICIES_DIR: policiesDir, LOG_LEVEL: 'info', WORKERS: '2', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return { child, logs: () => output, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

/** How often a global pattern occurs. */
const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

const until = async (check: () => boolean | Promise<boolean>, what: string, logs: () => string): Promise<void> => {
  for (let tries = 0; tries < 300; tries++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}: ${logs()}`);
};

async function startCluster(policiesDir: string, env: Record<string, string> = {}): Promise<Cluster> {
  const started = spawnService(policiesDir, env);
  await until(() => count(started.logs(), /Server listening at/g) === 2, 'two workers listening', started.logs);
  const port = Number(/listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(started.logs())?.[1]);
  return { ...started, port };
}

/** One request on a connection of its own, so the cluster may hand it to any worker. */
function send(port: number, method: string, path: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent: false, headers: body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const sample = (metrics: string, series: string): number => Number(metrics.split('\n').find((line) => line.startsWith(`${series} `))?.slice(series.length + 1) ?? 0);
const amountOf = async (port: number): Promise<string> => JSON.parse((await send(port, 'POST', '/v1/evaluate', typicalMonth)).body).rebate.amount;

describe('the service as a cluster (WORKERS=2)', () => {
  it('serves from both workers, counts them together, reloads them together, logs per worker and stops gracefully', async () => {
    const dir = copyPolicies();
    const log = join(mkdtempSync(join(tmpdir(), 'decisions-')), 'decisions.ndjson');
    const cluster = await startCluster(dir, { DECISION_LOG: log, DECISION_CACHE_BYTES: '0' });
    for (let sent = 0; sent < 12; sent++) expect(await amountOf(cluster.port)).toBe('24.00');
    // Request lines are written in batches, within a second.
    const servingPids = (): Set<string | undefined> => new Set([...cluster.logs().matchAll(/"pid":(\d+)[^\n]*"msg":"request"/g)].map((match) => match[1]));
    await until(() => servingPids().size === 2, 'request lines from both workers', cluster.logs);
    const metrics = (await send(cluster.port, 'GET', '/metrics')).body;
    expect(sample(metrics, 'policy_decisions_total{policy="clicksend-sla",version="1.0.0",eligibility="eligible"}')).toBe(12);
    expect(count(metrics, /^policy_version_info\{/gm)).toBe(1);
    expect(metrics).toMatch(/^policy_version_info\{[^}]*\} 1$/m);

    const file = join(dir, 'clicksend-sla', '1.0.0.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('USD: "125.00"', 'USD: "20.00"'));
    const reloads = async (outcome: string) => sample((await send(cluster.port, 'GET', '/metrics')).body, `policy_reloads_total{outcome="${outcome}"}`);
    await until(async () => (await reloads('accepted')) >= 2, 'both workers to reload', cluster.logs);
    for (let sent = 0; sent < 6; sent++) expect(await amountOf(cluster.port)).toBe('20.00');

    writeFileSync(file, `${original}status: draft\n`);
    await until(async () => (await reloads('refused')) >= 2, 'both workers to refuse the reload', cluster.logs);
    cluster.child.kill('SIGHUP');
    await until(() => count(cluster.logs(), /"trigger":"SIGHUP"/g) === 2, 'the primary to pass SIGHUP to both workers', cluster.logs);
    for (let sent = 0; sent < 4; sent++) expect(await amountOf(cluster.port)).toBe('20.00');

    cluster.child.kill('SIGTERM');
    expect(await cluster.exited).toBe(0);
    expect(count(cluster.logs(), /"msg":"worker stopped"/g)).toBe(2);
    expect([existsSync(`${log}.1`), existsSync(`${log}.2`)]).toEqual([true, true]);
    const replay = await runCli('replay', log, '--policies', 'policies');
    expect(replay.out).toMatch(/^22 decision\(s\) replayed/m);
  }, 90_000);

  it('replaces a worker that dies', async () => {
    const cluster = await startCluster('policies');
    const pid = Number(/"pid":(\d+)[^\n]*Server listening/.exec(cluster.logs())?.[1]);
    process.kill(pid, 'SIGKILL');
    await until(() => count(cluster.logs(), /Server listening at/g) === 3, 'a new worker', cluster.logs);
    expect(cluster.logs()).toContain('worker died unexpectedly; starting another');
    for (let sent = 0; sent < 4; sent++) expect(await amountOf(cluster.port)).toBe('24.00');
  }, 60_000);

  it('refuses to start on a broken policies folder, printing each problem once', async () => {
    const started = spawnService(copyPolicies((text) => `${text}bogus: 1\n`));
    expect(await started.exited).toBe(1);
    expect(count(started.logs(), /1\.0\.0\.yaml:\d+:1 SCHEMA_UNKNOWN_KEY/g)).toBe(1);
  }, 60_000);

  it('refuses a WORKERS that is not a whole number', async () => {
    const started = spawnService('policies', { WORKERS: 'many' });
    expect(await started.exited).toBe(1);
    expect(started.logs()).toContain('WORKERS must be a whole number of at least 1, not "many"');
  }, 60_000);

  it('exits 0 on a SIGTERM that comes while the second worker is still starting', async () => {
    const service = spawnService(copyPolicies());
    await until(() => /"msg":"cluster started"/.test(service.logs()), 'the cluster to start its second worker', service.logs);
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  });
});
