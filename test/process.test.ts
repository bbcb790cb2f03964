import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyPolicies } from './helpers.js';

// The real process, as `npm start` runs it (dist/ is built by `npm install` and before `npm test`).
const typicalMonth = readFileSync('examples/typical-month.json', 'utf8');
const running: ChildProcess[] = [];
afterEach(() => running.splice(0).forEach((child) => child.kill('SIGKILL')));

interface Server {
  readonly child: ChildProcess;
  readonly port: number;
  readonly logs: () => string;
  readonly exited: Promise<number | null>;
}

function start(policiesDir: string, env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, ['dist/src/http/main.js'], { env: { ...process.env, PORT: '0', POLICIES_DIR: policiesDir, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 10_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]), logs: () => output, exited });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', () => reject(new Error(`server exited: ${output}`)));
  });
}

interface Answer {
  readonly status: number;
  readonly json: { rebate: { amount: string } };
}

async function evaluate(port: number, body = typicalMonth): Promise<Answer> {
  const response = await fetch(`http://127.0.0.1:${port}/v1/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, json: (await response.json()) as Answer['json'] };
}

const until = async (check: () => Promise<boolean>, what: string): Promise<void> => {
  for (let tries = 0; tries < 100; tries++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('the service process', () => {
  it('serves POLICIES_DIR, reloads a valid edit, refuses an invalid one and keeps serving', async () => {
    const dir = copyPolicies();
    const server = await start(dir);
    expect((await evaluate(server.port)).json.rebate.amount).toBe('24.00');

    const file = join(dir, 'clicksend-sla', '1.0.0.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('USD: "125.00"', 'USD: "20.00"'));
    await until(async () => (await evaluate(server.port)).json.rebate.amount === '20.00', 'the watcher to reload');

    writeFileSync(file, `${original}status: draft\n`);
    server.child.kill('SIGHUP');
    await until(async () => ((await (await fetch(`http://127.0.0.1:${server.port}/readyz`)).json()) as { refusedReload: unknown }).refusedReload !== null, 'the refused reload');
    await until(async () => server.logs().includes('policy reload refused'), 'the refusal in the log');
    expect((await evaluate(server.port)).json.rebate.amount).toBe('20.00');
  });

  it('refuses to start on a broken policies folder, naming file and line', async () => {
    const dir = copyPolicies((text) => `${text}bogus: 1\n`);
    await expect(start(dir)).rejects.toThrow(/1\.0\.0\.yaml:\d+:1 SCHEMA_UNKNOWN_KEY/);
  });

  it('on SIGTERM finishes the request in flight and exits 0', async () => {
    const server = await start('policies');
    const half = Math.floor(typicalMonth.length / 2);
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/v1/evaluate', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(typicalMonth) } }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write(typicalMonth.slice(0, half));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(typicalMonth.slice(half)), 300);
      }, 200);
    });
    const answered = await response;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.body).rebate.amount).toBe('24.00');
    expect(await server.exited).toBe(0);
    expect(server.logs()).toContain('shutting down');
  });
});

/** Raw bytes over one connection: what the server answers and when it closes the connection (bounded by `waitMs`). */
function rawExchange(port: number, bytes: string, waitMs = 5_000): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
  });
}

const problemOf = (answer: string) => ({ status: Number(answer.split(' ')[1]), type: /content-type: (\S+)/i.exec(answer)?.[1], body: JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { code: string } });

describe('the service process under stalled and malformed clients', () => {
  it('answers a stalled body and stalled headers with 408, headers too large with 431, a long URL part with 414, all as problem details', async () => {
    const server = await start('policies', { HEADER_TIMEOUT_MS: '500', REQUEST_TIMEOUT_MS: '1000' });
    const stalledBody = await rawExchange(server.port, 'POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"pol');
    const stalledHeaders = await rawExchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const largeHeaders = await rawExchange(server.port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Large: ${'a'.repeat(20_000)}\r\n\r\n`);
    const longPart = await rawExchange(server.port, `GET /v1/policies/${'a'.repeat(5_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    for (const [exchange, status, code] of [[stalledBody, 408, 'REQUEST_TIMEOUT'], [stalledHeaders, 408, 'REQUEST_TIMEOUT'], [largeHeaders, 431, 'HEADERS_TOO_LARGE'], [longPart, 414, 'URI_TOO_LONG']] as const) {
      expect(problemOf(exchange.answer)).toMatchObject({ status, type: expect.stringMatching(/^application\/problem\+json/), body: { code } });
    }
    expect(stalledBody.closedAfterMs).toBeLessThan(4_000);
    expect(longPart.answer).not.toContain('aaaaaaaaaa');
  });

  it('on SIGTERM closes idle keep-alive connections at once, answers in-flight requests with Connection: close, cuts a stalled upload at the grace deadline and exits 0', async () => {
    const server = await start('policies', { SHUTDOWN_GRACE_MS: '1500' });
    const idle = rawExchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', 8_000);
    const stalled = rawExchange(server.port, 'POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"pol', 8_000);
    const length = Buffer.byteLength(typicalMonth);
    const inFlight = new Promise<{ answer: string }>((resolve) => {
      let answer = '';
      const socket = connect(server.port, '127.0.0.1', () => socket.write(`POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`));
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('close', () => resolve({ answer }));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => socket.write(typicalMonth), 300);
      }, 500);
    });
    const signalledAt = Date.now() + 500;
    const [idleClosed, stalledClosed, answered, code] = await Promise.all([idle, stalled, inFlight, server.exited]);
    expect(code).toBe(0);
    expect(idleClosed.answer).toMatch(/^HTTP\/1\.1 200/);
    expect(idleClosed.closedAfterMs).toBeLessThan(500 + 1_000);
    expect(answered.answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answered.answer).toMatch(/\r\nconnection: close\r\n/i);
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(1_400);
    expect(stalledClosed.closedAfterMs).toBeGreaterThanOrEqual(1_400);
    expect(server.logs()).toContain('grace period over');
  });
});

describe('the service process and its decision log', () => {
  it('refuses to start, in one line and without a stack, when the log\'s folder does not exist', async () => {
    await expect(start('policies', { DECISION_LOG: '/nonexistent-folder/decisions.ndjson' })).rejects.toThrow(/server exited: refusing to start: cannot open the decision log \/nonexistent-folder\/decisions\.ndjson: the folder does not exist\n$/);
  });

  it('refuses to start, in one line, on a setting that cannot be used', async () => {
    await expect(start('policies', { DECISION_CACHE_BYTES: '-5' })).rejects.toThrow(/server exited: refusing to start: DECISION_CACHE_BYTES=-5 is not a whole number of at least 0\n$/);
  });

  it('keeps serving on a full disk and says so on /readyz', async () => {
    const server = await start('policies', { DECISION_LOG: '/dev/full' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => evaluate(server.port)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    const ready = (await (await fetch(`http://127.0.0.1:${server.port}/readyz`)).json()) as { decisionLog: { failedWrites: number; failing: boolean } };
    expect(ready.decisionLog).toMatchObject({ failedWrites: 5, failing: true });
    expect(server.logs()).toContain('cannot write the decision log');
  });

  it('after a graceful stop holds every decision answered 200, in a file only its owner may read', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'log-')), 'decisions.ndjson');
    const server = await start('policies', { DECISION_LOG: path });
    const body = (index: number) => typicalMonth.replace('"480.00"', `"${index}.00"`);
    const ids: string[] = [];
    const sending = Array.from({ length: 4 }, async (_, worker) => {
      for (let index = worker; ; index += 4) {
        const response = await fetch(`http://127.0.0.1:${server.port}/v1/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(index) }).catch(() => null);
        if (!response) return;
        if (response.status === 200) ids.push(((await response.json()) as { decisionId: string }).decisionId);
        else return;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    server.child.kill('SIGTERM');
    await Promise.all(sending);
    expect(await server.exited).toBe(0);
    const logged = new Set(readFileSync(path, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { decisionId: string }).decisionId));
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.filter((id) => !logged.has(id))).toEqual([]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
