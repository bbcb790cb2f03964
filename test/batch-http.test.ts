import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './helpers.js';

const typicalMonth = JSON.parse(readFileSync('examples/typical-month.json', 'utf8'));
const LIMIT = 4096;
let app: FastifyInstance;

beforeAll(async () => {
  app = await openApp('policies', { bodyLimit: LIMIT, decisionCache: { maxBytes: 0, maxEntryBytes: 0 } });
});
afterAll(() => app.close());

const batch = (payload: string | Readable, type = 'application/x-ndjson') => app.inject({ method: 'POST', url: '/v1/evaluations', headers: { 'content-type': type }, payload });
const single = (body: string) => app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json' }, payload: body });
const withoutId = (text: string) => text.replace(/"decisionId":"[^"]+"/, '');
const answersOf = (body: string) => body.split('\n').slice(0, -1);

/** Lines a caller might send: months with different charges and periods, and every kind of mistake. */
const requestLine = fc.oneof(
  fc.record({ cents: fc.integer({ min: 0, max: 99_999_99 }), month: fc.integer({ min: 1, max: 12 }) }).map(({ cents, month }) =>
    JSON.stringify({ ...typicalMonth, facts: { ...typicalMonth.facts, period: `2025-${String(month).padStart(2, '0')}`, charges: { amount: (cents / 100).toFixed(2), currency: 'USD' } } }),
  ),
  fc.constantFrom('{"policy":', '', '[]', '{"policy":"nope","facts":{"period":"2026-10"}}', '{"policy":"clicksend-sla","facts":{"period":"2026-10","charges":{"amount":"1.00","currency":"XYZ"}}}', '{"policy":"clicksend-sla","facts":{"period":2026}}'),
);

describe('POST /v1/evaluations', () => {
  it('answers every line in order, each exactly as POST /v1/evaluate answers it alone', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(requestLine, { minLength: 1, maxLength: 8 }), async (lines) => {
        const response = await batch(`${lines.join('\n')}\n`);
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
        const answers = answersOf(response.body);
        expect(answers).toHaveLength(lines.length);
        for (const [index, line] of lines.entries()) {
          const alone = await single(line);
          if (alone.statusCode === 200) expect(withoutId(answers[index] ?? '')).toBe(withoutId(alone.body));
          else expect(JSON.parse(answers[index] ?? '')).toMatchObject({ line: index + 1, status: alone.statusCode, code: alone.json().code, type: alone.json().type });
        }
      }),
      { numRuns: 15 },
    );
  });

  it('applies the body limit to each line, not to the batch', async () => {
    const month = JSON.stringify(typicalMonth);
    const lines = [...Array.from({ length: 6 }, () => month), `{"policy":"${'x'.repeat(LIMIT)}"}`, month];
    const response = await batch(lines.join('\n'));
    expect(response.body.length).toBeGreaterThan(LIMIT);
    const answers = answersOf(`${response.body}`);
    expect(answers).toHaveLength(8);
    expect(JSON.parse(answers[6] ?? '')).toMatchObject({ line: 7, status: 413, code: 'BODY_TOO_LARGE' });
    expect(JSON.parse(answers[7] ?? '').rebate.amount).toBe('24.00');
  });

  it('reads a streamed body with Windows line ends and no final newline', async () => {
    const response = await batch(Readable.from([`${JSON.stringify(typicalMonth)}\r\n`, JSON.stringify(typicalMonth).slice(0, 10), JSON.stringify(typicalMonth).slice(10)]));
    expect(answersOf(response.body).map((answer) => JSON.parse(answer).rebate.amount)).toEqual(['24.00', '24.00']);
  });

  it('answers an empty batch with no lines', async () => {
    const response = await batch('');
    expect([response.statusCode, response.body]).toEqual([200, '']);
  });

  it('refuses a batch declared in a charset other than UTF-8 with 415, and reads one declared UTF-8', async () => {
    const latin1 = await batch(JSON.stringify(typicalMonth), 'application/x-ndjson; charset=iso-8859-1');
    expect([latin1.statusCode, latin1.json().code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(latin1.json().detail).toContain('charset "iso-8859-1" is not read');
    const utf8 = await batch(`${JSON.stringify(typicalMonth)}\n`, 'application/x-ndjson; charset=utf-8');
    expect([utf8.statusCode, answersOf(utf8.body).length]).toEqual([200, 1]);
  });

  it('answers a refused line in the language the line asks for', async () => {
    const response = await batch(`${JSON.stringify({ ...typicalMonth, lang: 'sv', facts: { ...typicalMonth.facts, period: '2026-13' } })}\n${JSON.stringify({ ...typicalMonth, facts: { ...typicalMonth.facts, period: '2026-13' } })}\n`);
    const [swedish, english] = answersOf(response.body).map((answer) => JSON.parse(answer));
    expect([swedish.code, english.code]).toEqual(['REQUEST_INVALID', 'REQUEST_INVALID']);
    expect(swedish.detail).not.toEqual(english.detail);
    expect(swedish.title).not.toEqual(english.title);
  });

  it('refuses a body that is not NDJSON with 415', async () => {
    const response = await batch(JSON.stringify(typicalMonth), 'application/json');
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});

describe('GET /metrics', () => {
  const sample = (text: string, series: string): number => {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
    return line === undefined ? 0 : Number(line.slice(series.length + 1));
  };

  it('counts what was served: decisions by policy, version and eligibility, refusals by code, latency by route', async () => {
    const counted = await openApp('policies', { decisionCache: { maxBytes: 1024 * 1024, maxEntryBytes: 64 * 1024 } });
    const before = (await counted.inject({ method: 'GET', url: '/metrics' })).body;
    expect(sample(before, 'policy_decisions_total{policy="clicksend-sla",version="1.0.0",eligibility="eligible"}')).toBe(0);
    const month = JSON.stringify(typicalMonth);
    const noClaim = JSON.stringify({ ...typicalMonth, facts: { ...typicalMonth.facts, claim: undefined } });
    // A decision is kept the second time its request comes, and answered from the cache the third.
    for (const body of [month, month, month, noClaim]) await counted.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json' }, payload: body });
    await counted.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ ...typicalMonth, bogus: 1 }) });
    await counted.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'text/plain' }, payload: month });
    await counted.inject({ method: 'POST', url: '/v1/evaluations', headers: { 'content-type': 'application/x-ndjson' }, payload: [month, '{bad', noClaim, '{"policy":"nope","facts":{"period":"2026-10"}}'].join('\n') });
    const response = await counted.inject({ method: 'GET', url: '/metrics' });
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    expect(sample(text, 'policy_decisions_total{policy="clicksend-sla",version="1.0.0",eligibility="eligible"}')).toBe(4);
    expect(sample(text, 'policy_decisions_total{policy="clicksend-sla",version="1.0.0",eligibility="ineligible"}')).toBe(2);
    expect(sample(text, 'policy_requests_refused_total{code="REQUEST_MALFORMED"}')).toBe(1);
    expect(sample(text, 'policy_requests_refused_total{code="REQUEST_INVALID"}')).toBe(1);
    expect(sample(text, 'policy_requests_refused_total{code="UNSUPPORTED_MEDIA_TYPE"}')).toBe(1);
    expect(sample(text, 'policy_requests_refused_total{code="POLICY_NOT_FOUND"}')).toBe(1);
    expect(sample(text, 'decision_cache_lookups_total{result="hit"}')).toBe(1);
    expect(sample(text, 'decision_cache_lookups_total{result="miss"}')).toBe(3);
    expect(sample(text, 'http_request_duration_seconds_count{method="POST",route="/v1/evaluate",status="200"}')).toBe(4);
    expect(sample(text, 'http_request_duration_seconds_count{method="POST",route="/v1/evaluations",status="200"}')).toBe(1);
    const { sha256 } = (await counted.inject({ method: 'GET', url: '/readyz' })).json().policies[0];
    expect(sample(text, `policy_version_info{policy="clicksend-sla",version="1.0.0",status="published",sha256="${sha256}"}`)).toBe(1);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    await counted.close();
  });
});
