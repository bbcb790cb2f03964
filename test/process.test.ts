import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyPolicies } from './helpers.js';

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

function start(policiesDir: string): Promise<Server> {
  const child = spawn(process.execPath, ['dist/src/http/main.js'], { env: { ...process.env, PORT: '0', POLICIES_DIR: policiesDir, LOG_LEVEL: 'info', WORKERS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
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
