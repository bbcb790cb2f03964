import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

// The real process: a batch whose client stops reading must stop the service too,
// rather than the service answering (and holding) the whole batch in memory.
const typicalMonth = JSON.parse(readFileSync('examples/typical-month.json', 'utf8'));
const running: ChildProcess[] = [];
afterEach(() => running.splice(0).forEach((child) => child.kill('SIGKILL')));

function start(env: Record<string, string> = {}): Promise<number> {
  const child = spawn(process.execPath, ['dist/src/http/main.js'], { env: { ...process.env, PORT: '0', WORKERS: '1', LOG_LEVEL: 'info', DECISION_CACHE_BYTES: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const port = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (port) resolve(Number(port));
    });
    child.on('exit', () => reject(new Error(`server exited: ${output}`)));
  });
}

const decided = async (port: number): Promise<number> => {
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(/^policy_decisions_total\{[^}]*\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
};

describe('POST /v1/evaluations with a client that stops reading', () => {
  it('stops deciding once the answers it has written are not read, and does not read the rest of the batch', async () => {
    const port = await start();
    const lines = 20_000;
    const body = Array.from({ length: lines }, (_, index) => JSON.stringify({ ...typicalMonth, facts: { ...typicalMonth.facts, charges: { amount: (100 + index / 100).toFixed(2), currency: 'USD' } } })).join('\n');
    let uploaded = false;
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/evaluations', headers: { 'content-type': 'application/x-ndjson' } }, (res) => res.pause());
    req.on('error', () => undefined);
    req.end(body, () => (uploaded = true));
    let [before, after] = [-1, await decided(port)];
    for (let tries = 0; tries < 30 && before !== after; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      [before, after] = [after, await decided(port)];
    }
    expect(after).toBe(before);
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(lines / 2);
    expect(uploaded).toBe(false);
    req.destroy();
  }, 90_000);
});

describe('POST /v1/evaluations whose upload outlasts the request deadline', () => {
  it('answers every line of a batch still arriving after REQUEST_TIMEOUT_MS, with no 408 spliced into the answer', async () => {
    const port = await start({ REQUEST_TIMEOUT_MS: '800' });
    const line = `${JSON.stringify(typicalMonth)}\n`;
    const lines = 12;
    const answer = await new Promise<string>((resolve) => {
      let received = '';
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('POST /v1/evaluations HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n');
        let sent = 0;
        const sending = setInterval(() => {
          if (socket.destroyed) return clearInterval(sending);
          if (sent++ === lines) {
            clearInterval(sending);
            socket.write('0\r\n\r\n');
            return;
          }
          socket.write(`${Buffer.byteLength(line).toString(16)}\r\n${line}\r\n`);
        }, 150);
      });
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(received));
      setTimeout(() => socket.destroy(), 15_000);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).not.toMatch(/HTTP\/1\.1 408/);
    expect(answer.match(/"decisionId"/g)?.length).toBe(lines);
    expect(answer.endsWith('0\r\n\r\n')).toBe(true);
  });
});

describe('POST /v1/evaluations whose upload stops halfway through a line', () => {
  it('ends the answer with a REQUEST_TIMEOUT line naming the first line not read, not with a cut connection', async () => {
    const port = await start({ REQUEST_TIMEOUT_MS: '800' });
    const line = `${JSON.stringify(typicalMonth)}\n`;
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      let received = '';
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('POST /v1/evaluations HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n');
        const sent = line + line.slice(0, 40); // one whole line and the start of the next, then nothing
        socket.write(`${Buffer.byteLength(sent).toString(16)}\r\n${sent}\r\n`);
      });
      socket.on('data', (chunk) => {
        received += chunk.toString();
        if (received.endsWith('0\r\n\r\n')) resolve(received);
      });
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(received));
      setTimeout(() => socket.destroy(), 15_000);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer.endsWith('0\r\n\r\n')).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
    const lines = answer.split('\r\n').filter((part) => part.startsWith('{')).flatMap((part) => part.split('\n').filter(Boolean)).map((text) => JSON.parse(text));
    expect(lines.map((found) => found.code ?? 'decision')).toEqual(['decision', 'REQUEST_TIMEOUT']);
    expect(lines[1]).toMatchObject({ line: 2, status: 408 });
    expect(lines[1].detail).toBe('the batch stopped arriving: nothing came for 0.8 s, so the answer ends before line 2; send line 2 and the lines after it as a new batch');
  });
});
