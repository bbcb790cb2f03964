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

/** Sends `head`, then each of `parts` after `everyMs` (chunked), then `finish` (end the body, half-close, or nothing); resolves with all the connection received until it closed. */
function upload(port: number, parts: readonly string[], everyMs: number, finish: 'end' | 'half-close' | 'stall'): Promise<{ answer: string; closedAfterMs: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => {
      // A whole upload asks for the connection to close after its answer, so the answer is all the connection brings.
      socket.write(`POST /v1/evaluations HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nAccept-Language: sv\r\nTransfer-Encoding: chunked\r\n${finish === 'end' ? 'Connection: close\r\n' : ''}\r\n`);
      let sent = 0;
      const sending = setInterval(() => {
        const part = parts[sent++];
        if (part !== undefined) return void socket.write(`${Buffer.byteLength(part).toString(16)}\r\n${part}\r\n`);
        clearInterval(sending);
        if (finish === 'end') socket.write('0\r\n\r\n');
        if (finish === 'half-close') socket.end();
      }, everyMs);
      socket.on('close', () => clearInterval(sending));
    });
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ answer, closedAfterMs: Date.now() - started }));
    setTimeout(() => socket.destroy(), 20_000);
  });
}

/** The NDJSON lines of a chunked answer that is the only thing on its connection. */
function linesOf(answer: string): { code?: string; line?: number; status?: number; detail?: string }[] {
  expect(answer).toMatch(/^HTTP\/1\.1 200/);
  expect(answer.match(/HTTP\/1\.1/g)).toHaveLength(1); // nothing of Node's own (a 408, a 400) after or inside it
  expect(answer.endsWith('0\r\n\r\n')).toBe(true);
  return answer.split('\r\n').filter((part) => part.startsWith('{')).flatMap((part) => part.split('\n').filter(Boolean)).map((text) => JSON.parse(text));
}

describe('POST /v1/evaluations whose upload stops before its end', () => {
  const line = `${JSON.stringify(typicalMonth)}\n`;

  it('ends the answer with a REQUEST_TIMEOUT line naming the first line not read, then closes the connection', async () => {
    const port = await start({ REQUEST_TIMEOUT_MS: '800' });
    const { answer, closedAfterMs } = await upload(port, [line + line.slice(0, 40)], 10, 'stall');
    const lines = linesOf(answer);
    expect(lines.map((found) => found.code ?? 'decision')).toEqual(['decision', 'REQUEST_TIMEOUT']);
    expect(lines[1]).toMatchObject({ line: 2, status: 408, detail: 'satsen slutade komma fram: ingenting kom på 0,8 s, så svaret slutar före rad 2; skicka rad 2 och raderna efter den som en ny sats' });
    expect(closedAfterMs).toBeLessThan(8_000);
  });

  it('answers with a REQUEST_TIMEOUT line 1, never Node\'s own 408, when nothing comes after the headers', async () => {
    const port = await start({ REQUEST_TIMEOUT_MS: '800' });
    const lines = linesOf((await upload(port, [], 10, 'stall')).answer);
    expect(lines).toMatchObject([{ code: 'REQUEST_TIMEOUT', line: 1 }]);
  });

  it('ends the answer with a REQUEST_MALFORMED line when the client closes its side halfway through a line', async () => {
    const port = await start({ REQUEST_TIMEOUT_MS: '5000' });
    const { answer, closedAfterMs } = await upload(port, [line, line.slice(0, 40)], 50, 'half-close');
    const lines = linesOf(answer);
    expect(lines.map((found) => found.code ?? 'decision')).toEqual(['decision', 'REQUEST_MALFORMED']);
    expect(lines[1]).toMatchObject({ line: 2, status: 400 });
    expect(lines[1]?.detail).toContain('bröts av på rad 2');
    expect(closedAfterMs).toBeLessThan(4_000);
  });

  it('waits for a first line that arrives a few bytes at a time for longer than REQUEST_TIMEOUT_MS', async () => {
    const port = await start({ REQUEST_TIMEOUT_MS: '800' });
    const pieces = line.match(/[^]{1,30}/g) ?? [];
    const lines = linesOf((await upload(port, pieces, 100, 'end')).answer);
    expect(pieces.length * 100).toBeGreaterThan(2_000);
    expect(lines.map((found) => found.code ?? 'decision')).toEqual(['decision']);
  }, 30_000);
});
