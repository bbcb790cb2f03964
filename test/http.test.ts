import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { evaluate } from '../src/evaluate/evaluate.js';
import type * as EvaluateModuleNamespace from '../src/evaluate/evaluate.js';
import { openApp, runCli } from './helpers.js';

type EvaluateModule = typeof EvaluateModuleNamespace;

// Every evaluation is counted, to tell a decision answered from the decision cache from one evaluated afresh.
vi.mock('../src/evaluate/evaluate.js', async (original) => {
  const actual = await original<EvaluateModule>();
  return { ...actual, evaluate: vi.fn(actual.evaluate) };
});

let app: FastifyInstance;
const typicalMonth = JSON.parse(readFileSync('examples/typical-month.json', 'utf8'));

beforeAll(async () => {
  app = await openApp();
});
afterAll(() => app.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json', ...headers }, payload: typeof body === 'string' ? body : JSON.stringify(body) });

describe('POST /v1/evaluate', () => {
  it('returns the decision of a month and its tickets', async () => {
    const response = await post(typicalMonth);
    expect(response.statusCode).toBe(200);
    const decision = response.json();
    expect(Object.keys(decision)).toEqual(['decisionId', 'policy', 'rebate', 'asOf', 'support', 'explanation']);
    expect(decision.policy).toMatchObject({ id: 'clicksend-sla', version: '1.0.0', effectiveFrom: '2020-01-01' });
    expect(decision.policy.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(decision.rebate).toMatchObject({ eligible: true, downtimeMinutes: 415, uptimePercent: 99.0394, rebatePercent: 5, amount: '24.00', currency: 'USD', capped: false, remedy: 'credit' });
    expect(decision.support[1].action).toMatchObject({ dueAt: '2026-11-02T16:00:00+01:00', status: 'pending' });
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('honours a sane x-request-id and never echoes a long or strange one', async () => {
    const ask = (id: string) => app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': id } });
    expect((await ask('billing-run-42:7')).headers['x-request-id']).toBe('billing-run-42:7');
    for (const id of ['r'.repeat(15_000), 'two words']) expect((await ask(id)).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('adds the rule trace, with the fact values the engine saw, only when asked with explain: trace', async () => {
    const decision = (await post({ ...typicalMonth, explain: 'trace' })).json();
    expect(Object.keys(decision)).toEqual(['decisionId', 'policy', 'rebate', 'asOf', 'support', 'explanation', 'trace']);
    expect(decision.trace.find((entry: { rule: string }) => entry.rule === 'rebate-tier-1')).toMatchObject({
      subject: 'rebate',
      conditions: [{ fact: 'uptimePercent', operator: 'lessThan', value: '100', factValue: '99.03935185185185185185185185185185185185', result: true }],
    });
    expect(decision.trace.filter((entry: { subject: string }) => entry.subject === 'ticket:T-2').map((entry: { rule: string }) => entry.rule)).toEqual(['priority-non-urgent', 'action-pending', 'response-pending']);
    const { trace, ...withoutTrace } = decision;
    expect(trace.length).toBeGreaterThan(0);
    expect({ ...withoutTrace, decisionId: '' }).toEqual({ ...(await post(typicalMonth)).json(), decisionId: '' });
    expect((await post({ ...typicalMonth, explain: 'everything' })).json()).toMatchObject({ code: 'REQUEST_INVALID', errors: [{ path: '$.explain' }] });
  });

  it('refuses a body nested deeper than 32, counting only brackets outside strings', async () => {
    const nested = (depth: number, inString = '') => `{"policy":"clicksend-sla","facts":{"period":"2026-10","account":{"a":${'['.repeat(depth - 3)}"${inString}"${']'.repeat(depth - 3)}}}}`;
    expect((await post(nested(33))).json()).toMatchObject({ code: 'REQUEST_INVALID', detail: expect.stringContaining('nests arrays and objects more than 32 deep') });
    expect((await post(nested(32))).statusCode).toBe(200);
    expect((await post(nested(5, '{['.repeat(40)))).statusCode).toBe(200);
  });

  const strip = (text: string) => text.replace(/"decisionId":"[^"]+"/, '');

  it('gives the same decision again but for its id, the third time from the decision cache', async () => {
    const body = { ...typicalMonth, facts: { ...typicalMonth.facts, charges: { amount: '481.00', currency: 'USD' } } };
    vi.mocked(evaluate).mockClear();
    const [a, b, c] = [await post(body), await post(body), await post(body)];
    expect(strip(b.body)).toBe(strip(a.body));
    expect(strip(c.body)).toBe(strip(a.body));
    expect(new Set([a, b, c].map((response) => response.json().decisionId)).size).toBe(3);
    expect(vi.mocked(evaluate)).toHaveBeenCalledTimes(2);
  });

  it('evaluates every request afresh with the decision cache off, and does not remember a body over the entry limit', async () => {
    for (const decisionCache of [{ maxBytes: 0, maxEntryBytes: 0 }, { maxBytes: 1024 * 1024, maxEntryBytes: 100 }]) {
      const uncached = await openApp('policies', { decisionCache });
      vi.mocked(evaluate).mockClear();
      for (let index = 0; index < 2; index++) expect((await uncached.inject({ method: 'POST', url: '/v1/evaluate', payload: typicalMonth })).statusCode).toBe(200);
      expect(vi.mocked(evaluate)).toHaveBeenCalledTimes(2);
      await uncached.close();
    }
  });

  it('gives the same bytes as `policy evaluate`', async () => {
    const cli = await runCli('evaluate', 'examples/typical-month.json');
    expect(strip(cli.out)).toBe(strip((await post(typicalMonth)).body));
  });

  it('judges a ticket asked about before it was opened as pending, with all the time of its targets left', async () => {
    const body = { policy: 'clicksend-sla', facts: { asOf: '2026-10-05T08:00:00Z', tickets: [{ id: 'T', priority: 'major', openedAt: '2026-10-05T10:00:00Z' }] } };
    const { action, response } = (await post(body)).json().support[0];
    expect(action).toMatchObject({ status: 'pending', remainingWorkingMinutes: action.targetMinutes, overrunWorkingMinutes: 0 });
    expect(response).toMatchObject({ status: 'pending', remainingWorkingMinutes: response.targetMinutes, overrunWorkingMinutes: 0 });
  });

  it('does not remember decisions that depend on the clock', async () => {
    const now = { value: Date.parse('2026-10-03T10:10:00Z') };
    const clocked = await openApp('policies', { now: () => now.value });
    const body = { policy: 'clicksend-sla', facts: { tickets: [{ id: 'T', priority: 'major', openedAt: '2026-10-03T10:00:00Z' }] } };
    const first = await clocked.inject({ method: 'POST', url: '/v1/evaluate', payload: body });
    now.value = Date.parse('2026-10-03T11:00:00Z');
    const later = await clocked.inject({ method: 'POST', url: '/v1/evaluate', payload: body });
    expect([first.json().support[0].action.status, later.json().support[0].action.status]).toEqual(['pending', 'breached']);
    await clocked.close();
  });

  const refusals: [string, unknown, number, string, string][] = [
    ['malformed JSON', '{"policy":', 400, 'REQUEST_MALFORMED', '$'],
    ['an unknown key', { policy: 'clicksend-sla', facts: { period: '2026-10', extra: 1 } }, 400, 'REQUEST_INVALID', '$.facts.extra'],
    ['a wrong type', { policy: 'clicksend-sla', facts: { period: 202610 } }, 400, 'REQUEST_INVALID', '$.facts.period'],
    ['an instant without offset', { policy: 'clicksend-sla', facts: { period: '2026-10', claim: { filedAt: '2026-11-01T00:00:00' } } }, 400, 'REQUEST_INVALID', '$.facts.claim.filedAt'],
    ['a date that does not exist', { policy: 'clicksend-sla', facts: { period: '2026-10', claim: { filedAt: '2026-02-30T00:00:00Z' } } }, 400, 'REQUEST_INVALID', '$.facts.claim.filedAt'],
    ['money as a number', { policy: 'clicksend-sla', facts: { period: '2026-10', charges: { amount: 480, currency: 'USD' } } }, 400, 'REQUEST_INVALID', '$.facts.charges.amount'],
    ['a __proto__ key', '{"policy":"clicksend-sla","facts":{"period":"2026-10","account":{"__proto__":{"admin":true}}}}', 400, 'REQUEST_INVALID', '$.facts.account.__proto__'],
    ['a __proto__ key spelled with escapes', '{"policy":"clicksend-sla","facts":{"period":"2026-10","account":{"\\u005f\\u005fproto\\u005f\\u005f":{"admin":true}}}}', 400, 'REQUEST_INVALID', '$.facts.account.__proto__'],
    ['a constructor.prototype key spelled with escapes', '{"policy":"clicksend-sla","facts":{"period":"2026-10","account":{"list":[{"\\u0063onstructor":{"prototype":{"admin":true}}}]}}}', 400, 'REQUEST_INVALID', '$.facts.account.list[0].constructor'],
    ['an instant finer than a millisecond (maintenance announced 7 days minus 100 µs ahead)', { policy: 'clicksend-sla', facts: { period: '2026-10', maintenance: [{ id: 'M', announcedAt: '2026-10-03T00:00:00.0001Z', start: '2026-10-10T00:00:00Z', end: '2026-10-10T01:00:00Z' }] } }, 400, 'REQUEST_INVALID', '$.facts.maintenance[0].announcedAt'],
    ['an incident end 100 ns short of 30 s', { policy: 'clicksend-sla', facts: { period: '2026-10', incidents: [{ id: 'I', start: '2026-10-10T00:00:00Z', end: '2026-10-10T00:00:29.9999999Z', cause: 'provider', reportedAt: '2026-10-10T00:00:00Z' }] } }, 400, 'REQUEST_INVALID', '$.facts.incidents[0].end'],
    ['a response 0.5 ms late', { policy: 'clicksend-sla', facts: { asOf: '2026-10-04T00:00:00Z', tickets: [{ id: 'T', priority: 'major', openedAt: '2026-10-03T10:00:00Z', respondedAt: '2026-10-03T12:00:00.0005Z' }] } }, 400, 'REQUEST_INVALID', '$.facts.tickets[0].respondedAt'],
    ['asOf with nine fraction digits, even all zeros', { policy: 'clicksend-sla', facts: { asOf: '2026-10-04T00:00:00.000000000Z', tickets: [{ id: 'T', priority: 'major', openedAt: '2026-10-03T10:00:00Z' }] } }, 400, 'REQUEST_INVALID', '$.facts.asOf'],
    ['an unknown policy', { policy: 'nope', facts: { period: '2026-10' } }, 404, 'POLICY_NOT_FOUND', '$.policy'],
    ['an unknown version', { policy: 'clicksend-sla', version: '0.1', facts: { period: '2026-10' } }, 404, 'VERSION_NOT_FOUND', '$.version'],
    ['a period before the first version', { policy: 'clicksend-sla', facts: { period: '2019-12' } }, 422, 'NO_VERSION_IN_FORCE', '$.facts.period'],
    ['nothing to decide', { policy: 'clicksend-sla', facts: {} }, 422, 'NOTHING_TO_DECIDE', '$.facts'],
    ['an unknown currency', { policy: 'clicksend-sla', facts: { period: '2026-10', charges: { amount: '1.00', currency: 'SEK' } } }, 422, 'CURRENCY_NOT_ACCEPTED', '$.facts.charges.currency'],
    ['more decimals than the currency', { policy: 'clicksend-sla', facts: { period: '2026-10', charges: { amount: '1.001', currency: 'USD' } } }, 422, 'AMOUNT_TOO_PRECISE', '$.facts.charges.amount'],
    ['an unknown priority', { policy: 'clicksend-sla', facts: { tickets: [{ id: 'T', priority: 'urgent', openedAt: '2026-10-01T00:00:00Z' }] } }, 422, 'UNKNOWN_PRIORITY', '$.facts.tickets[0].priority'],
    ['a response before the ticket opened', { policy: 'clicksend-sla', facts: { tickets: [{ id: 'T', priority: 'major', openedAt: '2026-10-01T00:00:00Z', respondedAt: '2026-09-30T00:00:00Z' }] } }, 422, 'EVENT_BEFORE_OPENED', '$.facts.tickets[0].respondedAt'],
    ['the same ticket twice', { policy: 'clicksend-sla', facts: { tickets: [{ id: 'T', priority: 'major', openedAt: '2026-10-01T00:00:00Z' }, { id: 'T', priority: 'major', openedAt: '2026-10-01T00:00:00Z' }] } }, 422, 'DUPLICATE_ID', '$.facts.tickets[1].id'],
    ['maintenance ending before it starts', { policy: 'clicksend-sla', facts: { period: '2026-10', maintenance: [{ id: 'M', announcedAt: '2026-09-01T00:00:00Z', start: '2026-10-02T00:00:00Z', end: '2026-10-01T00:00:00Z' }] } }, 422, 'END_BEFORE_START', '$.facts.maintenance[0].end'],
  ];
  for (const [what, body, status, code, path] of refusals) {
    it(`refuses ${what} with ${status} ${code} at ${path}`, async () => {
      const response = await post(body);
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const details = response.json();
      expect(details).toMatchObject({ type: `/problems/${code}`, status, code });
      expect(details.errors[0]).toMatchObject({ code, path });
    });
  }

  it('says why an instant finer than a millisecond is refused', async () => {
    const response = await post({ policy: 'clicksend-sla', facts: { period: '2026-10', claim: { filedAt: '2026-11-01T00:00:00.0000001+01:00' } } });
    expect(response.json().errors[0]).toEqual({ code: 'REQUEST_INVALID', path: '$.facts.claim.filedAt', message: 'facts.claim.filedAt has more than 3 fraction digits; instants are counted to the millisecond, and a finer one is refused rather than cut short' });
  });

  it('counts instants to the millisecond exactly at each boundary', async () => {
    const rebate = async (facts: object) => (await post({ policy: 'clicksend-sla', facts: { period: '2026-10', ...facts } })).json().rebate;
    const window = (announcedAt: string) => ({ incidents: [{ id: 'I', start: '2026-10-10T00:00:00Z', end: '2026-10-10T01:00:00Z', cause: 'provider', reportedAt: '2026-10-10T00:00:00Z' }], maintenance: [{ id: 'M', announcedAt, start: '2026-10-10T00:00:00Z', end: '2026-10-10T01:00:00Z' }] });
    expect((await rebate(window('2026-10-03T00:00:00.000Z'))).downtimeMinutes).toBe(0); // announced exactly 7 days ahead: scheduled
    expect((await rebate(window('2026-10-03T00:00:00.001Z'))).downtimeMinutes).toBe(60); // 1 ms late: counts
    const span = (end: string) => ({ incidents: [{ id: 'I', start: '2026-10-10T00:00:00Z', end, cause: 'provider', reportedAt: '2026-10-10T00:00:00Z' }] });
    expect((await rebate(span('2026-10-10T00:00:29.999Z'))).downtimeMinutes).toBe(0);
    expect((await rebate(span('2026-10-10T00:00:30.000Z'))).downtimeMinutes).toBe(1);
    const ticket = async (respondedAt: string) => (await post({ policy: 'clicksend-sla', facts: { asOf: '2026-10-04T00:00:00Z', tickets: [{ id: 'T', priority: 'major', openedAt: '2026-10-03T10:00:00Z', respondedAt }] } })).json().support[0].response.status;
    expect(await ticket('2026-10-03T12:00:00.000Z')).toBe('met');
    expect(await ticket('2026-10-03T12:00:00.001Z')).toBe('breached');
  });

  it('never echoes unbounded input in a refusal', async () => {
    const long = 'x'.repeat(100_000);
    for (const body of [{ policy: 'clicksend-sla', facts: { period: long } }, { policy: 'clicksend-sla', facts: { period: '2026-10', [long]: 1 } }, { policy: long, facts: { period: '2026-10' } }]) {
      const response = await post(body);
      expect(response.statusCode).toBe(400);
      expect(response.body.length).toBeLessThan(3000);
    }
    const url = await app.inject(`/${long}`);
    expect([url.statusCode, url.json().code]).toEqual([404, 'ROUTE_NOT_FOUND']);
    expect(url.body.length).toBeLessThan(1000);
  });

  it('refuses a body over the limit with 413, and a non-JSON body with 415', async () => {
    const small = await openApp('policies', { bodyLimit: 100 });
    const big = await small.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(typicalMonth) });
    expect([big.statusCode, big.json().code]).toEqual([413, 'BODY_TOO_LARGE']);
    expect(big.json().detail).toContain('the limit is 100 bytes'); // as the problem page promises
    const swedish = await small.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json', 'accept-language': 'sv' }, payload: JSON.stringify(typicalMonth) });
    expect(swedish.json().detail).toContain('gränsen är 100 byte');
    await small.close();
    const text = await post('hello', { 'content-type': 'text/plain' });
    expect([text.statusCode, text.json().code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('refuses a body declared in a charset other than UTF-8 with 415, instead of reading its letters wrong', async () => {
    const named = { ...typicalMonth, facts: { ...typicalMonth.facts, incidents: [{ ...typicalMonth.facts.incidents[0], id: 'INC-Å' }] } };
    const latin1 = await app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json; charset=iso-8859-1' }, payload: Buffer.from(JSON.stringify(named), 'latin1') });
    expect([latin1.statusCode, latin1.json().code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(latin1.json().detail).toBe('the body must be UTF-8, as JSON always is: charset "iso-8859-1" is not read (send the same JSON as UTF-8, with or without charset=utf-8)');
    const swedish = await app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json; charset=utf-16', 'accept-language': 'sv' }, payload: JSON.stringify(named) });
    expect([swedish.statusCode, swedish.json().detail]).toEqual([415, 'innehållet måste vara UTF-8, som JSON alltid är: teckenkodningen "utf-16" läses inte (skicka samma JSON som UTF-8, med eller utan charset=utf-8)']);
    for (const type of ['application/json; charset=UTF-8', 'application/json;charset="utf-8"', 'application/json; charset=us-ascii']) {
      const read = await post(named, { 'content-type': type });
      expect([type, read.statusCode, read.json().rebate.incidents[0].id]).toEqual([type, 200, 'INC-Å']);
    }
  });

  it('writes the schema errors of a body that asks for Swedish in Swedish', async () => {
    const response = await post({ ...typicalMonth, lang: 'sv', facts: { ...typicalMonth.facts, charges: { amount: '480,00', currency: 'USD' } } });
    expect([response.statusCode, response.headers['content-language'], response.json().code]).toEqual([400, 'sv', 'REQUEST_INVALID']);
    expect(response.json().errors[0].message).toBe('facts.charges.amount "480,00" är inget belopp: skriv "480.00", inom citattecken, med bara siffror och en decimalpunkt');
    expect(response.json().title).toBe('Begäran följer inte sitt schema');
    const asked = await post({ ...typicalMonth, lang: 'sv', facts: { ...typicalMonth.facts, charges: { amount: '480,00', currency: 'USD' } } }, { 'accept-language': 'en' });
    expect(asked.headers['content-language']).toBe('sv');
    const poisoned = await post(`{"lang":"sv","policy":"clicksend-sla","facts":{"period":"2026-10","account":{"__proto__":{}}}}`, { 'accept-language': 'en' });
    expect([poisoned.statusCode, poisoned.headers['content-language'], poisoned.json().title]).toEqual([400, 'sv', 'Begäran följer inte sitt schema']);
    const unknown = await post({ ...typicalMonth, lang: 'de' }, { 'accept-language': 'sv' });
    expect([unknown.statusCode, unknown.headers['content-language']]).toEqual([400, 'sv']);
  });

  it('writes an instant in a refusal as the API writes instants, without milliseconds', async () => {
    const response = await post({ policy: 'clicksend-sla', facts: { asOf: '2019-06-01T10:00:00Z' } });
    expect([response.statusCode, response.json().code]).toEqual([422, 'NO_VERSION_IN_FORCE']);
    expect(response.json().detail).toContain('in force at 2019-06-01T10:00:00Z');
    const outside = await post({ policy: 'clicksend-sla', facts: { asOf: '0001-01-01T00:00:00Z' } });
    expect([outside.statusCode, outside.json().code, outside.json().errors[0].path]).toEqual([422, 'INSTANT_OUT_OF_RANGE', '$.facts.asOf']);
  });

  it('refuses more incidents than the per-request limit with 422 naming it', async () => {
    const incidents = Array.from({ length: 5001 }, (_, i) => ({ id: `I${i}`, start: '2026-10-01T00:00:00Z', end: '2026-10-01T00:01:00Z', cause: 'provider' }));
    const response = await post({ policy: 'clicksend-sla', facts: { period: '2026-10', incidents } });
    expect([response.statusCode, response.json().code]).toEqual([422, 'TOO_MANY_ITEMS']);
    expect(response.json().detail).toContain('at most 5000');
  });
});

describe('policy routes', () => {
  it('lists policies, a policy and a version with its terms', async () => {
    const list = (await app.inject('/v1/policies')).json();
    expect(list.policies[0]).toMatchObject({ id: 'clicksend-sla', versions: [{ version: '1.0.0', status: 'published' }] });
    expect((await app.inject('/v1/policies/clicksend-sla')).json().versions).toHaveLength(1);
    const version = (await app.inject('/v1/policies/clicksend-sla/versions/1.0.0')).json();
    expect(version.terms.rebate.caps).toEqual({ USD: '125.00' });
    const missing = await app.inject('/v1/policies/clicksend-sla/versions/9');
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'VERSION_NOT_FOUND']);
  });

  it('gives "respond by" due times for a new ticket', async () => {
    const response = await app.inject('/v1/policies/clicksend-sla/targets?priority=non-urgent&openedAt=2026-10-30T16:00:00%2B01:00');
    expect(response.json()).toMatchObject({ priority: 'non-urgent', action: { dueAt: '2026-11-02T16:00:00+01:00', targetMinutes: 480, calendar: 'business' } });
    const plusAsSpace = await app.inject('/v1/policies/clicksend-sla/targets?priority=major&openedAt=2026-10-30T16:00:00+01:00');
    expect(plusAsSpace.json().response.dueAt).toBe('2026-10-30T17:00:00Z');
    const unknown = await app.inject('/v1/policies/clicksend-sla/targets?priority=urgent&openedAt=2026-10-30T16:00:00Z');
    expect([unknown.statusCode, unknown.json().code]).toEqual([422, 'UNKNOWN_PRIORITY']);
    expect(unknown.json().detail).toContain('known priorities: major, non-urgent');
  });
});

describe('operations', () => {
  it('answers health and readiness with the loaded versions', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = (await app.inject('/readyz')).json();
    expect(ready).toMatchObject({ status: 'ready', refusedReload: null, policies: [{ id: 'clicksend-sla', version: '1.0.0' }] });
  });

  it('serves the OpenAPI document and a docs page', async () => {
    const document = (await app.inject('/docs/json')).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/evaluate', '/v1/evaluations', '/v1/policies', '/healthz', '/readyz']));
    const batch = document.paths['/v1/evaluations'].post;
    expect(Object.keys(batch.requestBody.content)).toEqual(['application/x-ndjson', 'application/jsonl']);
    expect([Object.keys(batch.responses['200'].content), Object.keys(batch.responses)]).toEqual([['application/x-ndjson'], ['200', '4XX']]);
    expect((await app.inject('/docs/')).statusCode).toBe(200);
  });

  it('explains every problem type and answers unknown routes with problem details', async () => {
    expect((await app.inject('/problems/UNKNOWN_CAUSE')).json()).toMatchObject({ code: 'UNKNOWN_CAUSE', status: 422 });
    const missing = await app.inject('/nowhere');
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'ROUTE_NOT_FOUND']);
  });
});
