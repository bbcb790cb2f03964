import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '../src/errors/codes.js';
import { openApp } from './helpers.js';

const typicalMonth = JSON.parse(readFileSync('examples/typical-month.json', 'utf8'));
let app: FastifyInstance;
beforeAll(async () => {
  app = await openApp();
});
afterAll(() => app.close());

async function expectAnswered(payload: string, contentType = 'application/json'): Promise<void> {
  const response = await app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': contentType }, payload });
  if (response.statusCode === 200) {
    expect(response.json().policy.id).toBe('clicksend-sla');
    return;
  }
  expect(response.statusCode).toBeGreaterThanOrEqual(400);
  expect(response.statusCode).toBeLessThan(500);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const details = response.json();
  expect(Object.hasOwn(errorCodes, details.code)).toBe(true);
  expect(details.status).toBe(response.statusCode);
  expect(details.errors.length).toBeGreaterThan(0);
}

/** Replaces the value at one random place of the valid request with something else. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const entries = Object.entries(value);
  if (entries.length === 0) return replacement;
  const [head = 0, ...rest] = path;
  const index = head % entries.length;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const [key, child] = entries[index]!;
  (copy as Record<string, unknown>)[key] = mutate(child, rest, replacement);
  return copy;
}

const adversarial = fc.oneof(
  fc.jsonValue(),
  fc.string(),
  fc.constantFrom('__proto__', 'constructor', '2026-02-30T00:00:00Z', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '2026-10-01T00:00:00+99:99', '1e309', '-1', '', 'NaN', 'provider'),
  fc.integer(),
  fc.double(),
  fc.array(fc.jsonValue(), { maxLength: 5 }),
);

describe('no input produces a 500 or stalls the service (property tests)', { timeout: 60_000 }, () => {
  it('any JSON value as the body', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue(), async (body) => expectAnswered(JSON.stringify(body) ?? 'null')), { numRuns: 200 });
  });

  it('any text as the body', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => expectAnswered(text)), { numRuns: 200 });
  });

  it('a valid request with one value anywhere replaced by something adversarial', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), adversarial, async (path, replacement) => expectAnswered(JSON.stringify(mutate(typicalMonth, path, replacement)))),
      { numRuns: 400 },
    );
  });

  it('prototype keys anywhere', async () => {
    await expectAnswered('{"policy":"clicksend-sla","facts":{"period":"2026-10"},"__proto__":{"polluted":true}}');
    await expectAnswered('{"policy":"clicksend-sla","facts":{"period":"2026-10","account":{"constructor":{"prototype":{"polluted":true}}}}}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('deeply nested bodies, with and without prototype keys', async () => {
    for (const inner of ['1', '"constructor"', '{"__proto__":{}}']) {
      const depth = 200_000;
      await expectAnswered(`{"policy":"clicksend-sla","facts":{"period":"2026-10","account":{"a":${'['.repeat(depth)}${inner}${']'.repeat(depth)}}}}`);
    }
    await expectAnswered(`{"policy":"clicksend-sla","facts":{"period":"2026-10","account":{"a":"${'['.repeat(1000)}"}}}`);
  });

  it('extreme instants and huge numbers', async () => {
    const facts = { period: '9999-12', incidents: [{ id: 'a', start: '0001-01-01T00:00:00Z', end: '9999-12-31T23:59:59.999999999+14:00', cause: 'provider', reportedAt: '0001-01-01T00:00:00-14:00' }], charges: { amount: '999999999999999.999999', currency: 'USD' } };
    await expectAnswered(JSON.stringify({ policy: 'clicksend-sla', facts }));
    await expectAnswered(JSON.stringify({ policy: 'clicksend-sla', facts: { tickets: [{ id: 't', priority: 'non-urgent', openedAt: '9999-12-31T23:59:59Z' }] } }));
  });

  it('stays healthy afterwards', async () => {
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/v1/evaluate', payload: typicalMonth })).statusCode).toBe(200);
  });
});
