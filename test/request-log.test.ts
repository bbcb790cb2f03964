import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openApp } from './helpers.js';

const typicalMonth = readFileSync('examples/typical-month.json', 'utf8');

describe('request logging', () => {
  it('writes one compact line per request, with its id, method, url, status and time', async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>));
        done();
      },
    });
    const app = await openApp('policies', { logger: { level: 'info', stream } });
    await app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' }, payload: typicalMonth });
    await app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json', 'x-request-id': 'req-2' }, payload: '{"policy":' });
    await app.close();
    // A refusal adds its code on a line of its own; every request gets one line when it completes.
    expect(lines.filter((line) => line['reqId'] === 'req-1')).toHaveLength(1);
    const requests = lines.filter((line) => line['msg'] === 'request');
    expect(requests.map(({ reqId, method, url, status, msg }) => ({ reqId, method, url, status, msg }))).toEqual([
      { reqId: 'req-1', method: 'POST', url: '/v1/evaluate', status: 200, msg: 'request' },
      { reqId: 'req-2', method: 'POST', url: '/v1/evaluate', status: 400, msg: 'request' },
    ]);
    expect(typeof requests[0]?.['ms']).toBe('number');
  });
});
