import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { basePolicyText, copyPolicies } from './helpers.js';

// The real process, as `npm start` runs it with WORKERS=1 (dist/ is built by `npm install` and before `npm test`); cluster.test.ts runs two workers.
const typicalMonth = readFileSync('examples/typical-month.json', 'utf8');
const running: ChildProcess[] = [];
afterEach(() => running.splice(0).forEach((child) => child.kill('SIGKILL')));

interface Server {
  readonly child: ChildProcess;
  readonly port: number;
  readonly logs: () => string;
  readonly exited: Promise<number | null>;
}

function start(policiesDir: string, env: Record<string, string> = {}, whileStarting?: (child: ChildProcess) => void): Promise<Server> {
  const child = spawn(process.execPath, ['dist/src/http/main.js'], { env: { ...process.env, PORT: '0', POLICIES_DIR: policiesDir, LOG_LEVEL: 'info', WORKERS: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  whileStarting?.(child);
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

  it('on SIGTERM finishes the request in flight and exits 0, a SIGHUP meanwhile notwithstanding', async () => {
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
        setTimeout(() => server.child.kill('SIGHUP'), 100); // a reload asked for while shutting down must not end it early
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
    const notHttp = await rawExchange(server.port, 'HELLO THERE\r\n\r\n');
    for (const [exchange, status, code] of [[stalledBody, 408, 'REQUEST_TIMEOUT'], [stalledHeaders, 408, 'REQUEST_TIMEOUT'], [largeHeaders, 431, 'HEADERS_TOO_LARGE'], [longPart, 414, 'URI_TOO_LONG'], [notHttp, 400, 'HTTP_MALFORMED']] as const) {
      expect(problemOf(exchange.answer)).toMatchObject({ status, type: expect.stringMatching(/^application\/problem\+json/), body: { code } });
    }
    expect(stalledBody.closedAfterMs).toBeLessThan(4_000);
    expect(longPart.answer).not.toContain('aaaaaaaaaa');
    expect(/content-language: (\S+)/i.exec(stalledBody.answer)?.[1]).toBe('en');
    // The headers came, only the body is late: the answer is in the language they asked for.
    const swedish = await rawExchange(server.port, 'POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nAccept-Language: sv\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"pol');
    expect([problemOf(swedish.answer).status, /content-language: (\S+)/i.exec(swedish.answer)?.[1], problemOf(swedish.answer).body.code]).toEqual([408, 'sv', 'REQUEST_TIMEOUT']);
    expect(swedish.answer).toContain('"title":"Begäran');
    // Counted as what the client was told, not as the body its route saw cut off; bytes that never became a request are counted and logged too.
    const metrics = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
    expect(metrics).toMatch(/^policy_requests_refused_total\{code="REQUEST_TIMEOUT"\} 3$/m);
    expect(metrics).toMatch(/^policy_requests_refused_total\{code="HEADERS_TOO_LARGE"\} 1$/m);
    expect(metrics).toMatch(/^policy_requests_refused_total\{code="HTTP_MALFORMED"\} 1$/m);
    expect(metrics).not.toContain('code="REQUEST_MALFORMED"');
    const toldLines = (): string[] => server.logs().split('\n').filter((line) => line.includes('answered before a request was read'));
    await until(async () => toldLines().length >= 3, 'the log lines of the answers before a request');
    const told = toldLines().map((line) => JSON.parse(line) as { status: number; code: string });
    expect(told.map(({ status, code }) => `${status} ${code}`).sort()).toEqual(['400 HTTP_MALFORMED', '408 REQUEST_TIMEOUT', '431 HEADERS_TOO_LARGE']);
  });

  it('on SIGTERM refuses new connections, answers every busy keep-alive connection once more with Connection: close and cuts none of them', async () => {
    const server = await start('policies');
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const send = (body: string) =>
      new Promise<{ status?: number; connection?: string; error?: string }>((resolve) => {
        const sent = request({ host: '127.0.0.1', port: server.port, path: '/v1/evaluate', method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (response) => {
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: String(response.headers.connection) }));
        });
        sent.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
        sent.end(body);
      });
    let signalled = false;
    const errors: string[] = [];
    let closedByAnswer = 0;
    const loops = Array.from({ length: 16 }, async (_, loop) => {
      for (let index = loop; ; index += 16) {
        const answer = await send(typicalMonth.replace('"480.00"', `"${index + 1}.00"`));
        if (answer.error === 'ECONNREFUSED' && signalled) return;
        if (answer.error) errors.push(answer.error);
        else if (signalled && answer.connection === 'close') closedByAnswer++;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    signalled = true;
    server.child.kill('SIGTERM');
    await Promise.all(loops);
    agent.destroy();
    expect(await server.exited).toBe(0);
    expect(errors).toEqual([]); // no ECONNRESET: a request being sent is never cut
    expect(closedByAnswer).toBeGreaterThanOrEqual(16);
  });

  it('on SIGTERM closes idle keep-alive connections after the drain, answers in-flight requests with Connection: close, cuts a stalled upload at the grace deadline and exits 0', async () => {
    const server = await start('policies', { SHUTDOWN_GRACE_MS: '1500', SHUTDOWN_DRAIN_MS: '200' });
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
    await expect(start('policies', { POLICIES_POLL_MS: 'soon' })).rejects.toThrow(/server exited: refusing to start: POLICIES_POLL_MS=soon is not a whole number of at least 0\n$/);
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

const amountOf = async (port: number): Promise<string> => (await evaluate(port)).json.rebate.amount;
const servedAmount = (server: Server, amount: string, what: string) => until(async () => (await amountOf(server.port)) === amount, what);
const withCap = (text: string, cap: string) => {
  const edited = text.replace(/USD: "[\d.]+"/, `USD: "${cap}"`);
  if (edited === text) throw new Error('cap edit did not apply');
  return edited;
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Readiness {
  readonly policies: { file: string; sha256: string; loadedAt: string }[];
  readonly lastReload: { outcome: string; trigger: string; problems: string[] } | null;
  readonly refusedReload: { problems: string[] } | null;
}
const readiness = async (port: number): Promise<Readiness> => (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as Readiness;

/** A ConfigMap volume as the kubelet lays it out: `..<timestamp>/` holds the data, `..data` points at it, visible names point through `..data`. */
function configMapVolume(text: string): { dir: string; swap: (text: string) => void } {
  const dir = mkdtempSync(join(tmpdir(), 'configmap-'));
  let generation = 0;
  let current = '';
  const swap = (next: string): void => {
    const stamp = `..2026_11_27_08_00_${String(generation++).padStart(2, '0')}.${process.pid}`;
    mkdirSync(join(dir, stamp, 'clicksend-sla'), { recursive: true });
    writeFileSync(join(dir, stamp, 'clicksend-sla', '1.0.0.yaml'), next);
    symlinkSync(stamp, join(dir, '..data_tmp'));
    renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
    if (current) rmSync(join(dir, current), { recursive: true });
    current = stamp;
  };
  swap(text);
  symlinkSync(join('..data', 'clicksend-sla'), join(dir, 'clicksend-sla'));
  return { dir, swap };
}

describe('a reload that cannot miss', () => {
  it('an atomic save (temp file renamed over), then in-place writes of the same file, are each served', async () => {
    const dir = copyPolicies();
    const server = await start(dir);
    const file = join(dir, 'clicksend-sla', '1.0.0.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(`${file}.tmp-save`, withCap(original, '20.00'));
    renameSync(`${file}.tmp-save`, file);
    await servedAmount(server, '20.00', 'the atomic save');
    writeFileSync(file, withCap(original, '21.00'));
    await servedAmount(server, '21.00', 'an in-place write after the atomic save');
    writeFileSync(file, withCap(original, '22.00'));
    await servedAmount(server, '22.00', 'a second in-place write');
    const ready = await readiness(server.port);
    expect(ready.policies[0]?.sha256).toBe(createHash('sha256').update(withCap(original, '22.00')).digest('hex'));
    expect(ready.lastReload).toMatchObject({ outcome: 'loaded' });
  });

  it('a Kubernetes ConfigMap mount: every ..data swap is served, through the visible symlinks or with POLICIES_DIR at ..data itself', async () => {
    for (const throughData of [false, true]) {
      const volume = configMapVolume(basePolicyText);
      const server = await start(throughData ? join(volume.dir, '..data') : volume.dir);
      expect(await amountOf(server.port)).toBe('24.00');
      for (const cap of ['20.00', '21.00', '22.00']) {
        volume.swap(withCap(basePolicyText, cap));
        await servedAmount(server, cap, `the ConfigMap swap to ${cap}${throughData ? ' (POLICIES_DIR=..data)' : ''}`);
      }
      expect((await readiness(server.port)).policies.map((policy) => policy.file)).toEqual(['clicksend-sla/1.0.0.yaml']);
      server.child.kill('SIGKILL');
    }
  });

  it('a change no file-watch event reports (a write through a hard link kept elsewhere) is served by the poll', async () => {
    const dir = copyPolicies();
    const file = join(dir, 'clicksend-sla', '1.0.0.yaml');
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'elsewhere-')), 'terms.yaml');
    linkSync(file, elsewhere);
    const server = await start(dir, { POLICIES_POLL_MS: '300' });
    writeFileSync(elsewhere, withCap(basePolicyText, '20.00'));
    await servedAmount(server, '20.00', 'the poll');
    expect((await readiness(server.port)).lastReload).toMatchObject({ trigger: 'poll', outcome: 'loaded' });
  });

  it('a file caught half-written is never served', async () => {
    const dir = copyPolicies();
    const server = await start(dir);
    const file = join(dir, 'clicksend-sla', '1.0.0.yaml');
    // The first half is itself a valid policy (cap 10, payable); the whole adds a rule that makes the month ineligible.
    const whole = `${withCap(basePolicyText, '10.00').replace('rules: []\n', '')}rules:\n  - id: closed\n    when: { all: [{ fact: incidentCount, operator: greaterThanInclusive, value: 0 }] }\n    then: { outcome: ineligible, code: CLOSED, message: Closed. }\n`;
    const half = whole.slice(0, whole.indexOf('rules:\n'));
    const seen = new Set<string>();
    writeFileSync(file, half);
    const sampling = (async () => {
      for (let tries = 0; tries < 100 && !seen.has('0.00'); tries++) {
        seen.add(await amountOf(server.port));
        await pause(20);
      }
    })();
    await pause(100);
    appendFileSync(file, whole.slice(half.length));
    await sampling;
    expect([...seen].sort()).toEqual(['0.00', '24.00']);
  });
});

describe('a reload that cannot die', () => {
  it('survives folders and symlinks created and removed under a hail of SIGHUPs, then serves the last state', async () => {
    const dir = copyPolicies();
    const server = await start(dir);
    for (let round = 0; round < 150; round++) {
      const folder = join(dir, `churn-${round % 4}`);
      mkdirSync(join(folder, 'deeper'), { recursive: true });
      writeFileSync(join(folder, 'deeper', 'note.yaml'), 'x');
      symlinkSync(join(dir, 'nowhere'), join(dir, `dangling-${round % 2}`));
      server.child.kill('SIGHUP');
      await pause(round % 5);
      rmSync(folder, { recursive: true, force: true });
      rmSync(join(dir, `dangling-${round % 2}`), { force: true });
    }
    writeFileSync(join(dir, 'clicksend-sla', '1.0.0.yaml'), withCap(basePolicyText, '19.00'));
    await servedAmount(server, '19.00', 'the edit after the churn');
    await until(async () => (await readiness(server.port)).refusedReload === null, 'no refused reload once the churn stopped');
    expect(server.child.exitCode).toBeNull();
  });

  it('SIGHUP during start-up neither kills the process nor is lost', async () => {
    const dir = copyPolicies();
    let signals = 0;
    // Linux lists the signals a process catches in /proc/<pid>/status; SIGHUP is bit 0 of SigCgt.
    const catchesHangUp = (pid: number): boolean => {
      const status = existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
      const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(status)?.[1] ?? '0';
      return (BigInt(`0x${mask}`) & 1n) === 1n;
    };
    const server = await start(dir, {}, (child) => {
      let listening = false;
      child.stdout?.once('data', () => (listening = true));
      child.once('exit', () => clearInterval(hail));
      const hail = setInterval(() => {
        if (listening || child.exitCode !== null) return clearInterval(hail);
        // Before the program's first line runs, Node itself is booting and nothing can catch a signal.
        if (!catchesHangUp(child.pid ?? 0)) return;
        child.kill('SIGHUP');
        signals++;
      }, 10);
    });
    expect(signals).toBeGreaterThan(3);
    expect(await amountOf(server.port)).toBe('24.00');
    await until(async () => (await readiness(server.port)).lastReload?.trigger === 'SIGHUP', 'the SIGHUP of start-up to be honoured');
  });

  it('deleting the policies folder is refused and shown on /readyz; the last good policies keep serving', async () => {
    const dir = copyPolicies();
    const server = await start(dir);
    rmSync(dir, { recursive: true });
    await until(async () => (await readiness(server.port)).refusedReload !== null, 'the refusal');
    expect((await readiness(server.port)).lastReload).toMatchObject({ outcome: 'refused', problems: [expect.stringMatching(/^\.:1:1 FILE_UNREADABLE .*ENOENT/)] });
    expect(await amountOf(server.port)).toBe('24.00');
    mkdirSync(join(dir, 'clicksend-sla'), { recursive: true });
    writeFileSync(join(dir, 'clicksend-sla', '1.0.0.yaml'), withCap(basePolicyText, '23.00'));
    await servedAmount(server, '23.00', 'the restored folder');
    expect((await readiness(server.port)).refusedReload).toBeNull();
  });
});

describe('a reload that cannot silently lose terms', () => {
  it('a version in two files (1.0.0.yaml and 1.0.0.yml) is refused until one goes', async () => {
    const dir = copyPolicies();
    const server = await start(dir);
    writeFileSync(join(dir, 'clicksend-sla', '1.0.0.yml'), withCap(basePolicyText, '10.00'));
    await until(async () => (await readiness(server.port)).refusedReload !== null, 'the refusal');
    expect((await readiness(server.port)).refusedReload?.problems.join('\n')).toMatch(/^clicksend-sla\/1\.0\.0\.yml:\d+:\d+ DUPLICATE_VERSION/m);
    expect(await amountOf(server.port)).toBe('24.00');
    rmSync(join(dir, 'clicksend-sla', '1.0.0.yml'));
    await until(async () => (await readiness(server.port)).refusedReload === null, 'the refusal to clear');
    expect(server.logs()).toContain('policy reload refused');
  });
});
