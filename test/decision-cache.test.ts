import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DecisionCache, SeenOnce, sightingOf } from '../src/evaluate/decision-cache.js';
import { serializeDecision } from '../src/evaluate/serialize-decision.js';
import { bundledRegistry, decide, incident, OCTOBER, openApp } from './helpers.js';

describe('the decision cache', () => {
  it('keeps a decision only once its request comes again, and answers it with a new id', async () => {
    const registry = await bundledRegistry();
    const result = await decide(OCTOBER);
    if (!result.ok) throw new Error('expected a decision');
    const serialized = serializeDecision(result.decision);
    const cache = new DecisionCache({ maxBytes: 1024 * 1024, maxEntryBytes: 64 * 1024 });
    const key = JSON.stringify(OCTOBER);

    expect(cache.get(registry, sightingOf(key), 'first')).toBeUndefined();
    cache.set(registry, sightingOf(key), result.decision, serialized);
    expect(cache.get(registry, sightingOf(key), 'second')).toBeUndefined(); // seen once: nothing kept yet
    cache.set(registry, sightingOf(key), result.decision, serialized);
    expect(cache.get(registry, sightingOf(key), 'third')?.serialized).toBe(serialized.replace('"decisionId":"test-decision"', '"decisionId":"third"'));
    expect(cache.get(registry, sightingOf(`${key} `), 'other')).toBeUndefined();
    // The same body asked in another language is another request.
    expect(sightingOf(key, 'sv').hash).not.toBe(sightingOf(key, 'en').hash);
    expect(cache.get(registry, sightingOf(key, 'sv'), 'swedish')).toBeUndefined();
    // A request whose mark another one took over (the same slot) is not looked up, and is decided again.
    expect(cache.get(registry, { ...sightingOf(key), hash: sightingOf(key).hash ^ (1 << 20) }, 'taken over')).toBeUndefined();
  });

  it('remembers nothing when its budget is 0 bytes', async () => {
    const registry = await bundledRegistry();
    const result = await decide(OCTOBER);
    if (!result.ok) throw new Error('expected a decision');
    const cache = new DecisionCache({ maxBytes: 0, maxEntryBytes: 0 });
    expect(cache.enabled).toBe(false);
    for (let i = 0; i < 3; i++) cache.set(registry, sightingOf('key'), result.decision, serializeDecision(result.decision));
    expect(cache.get(registry, sightingOf('key'), 'id')).toBeUndefined();
  });

  it('marks requests seen once in every slot of its table', () => {
    // 40,000 distinct bodies, then the same again in the same order: with all 65,536 slots in
    // use about half are still marked when they come back (0.51); with only half the slots, 0.28.
    const seen = new SeenOnce();
    const bodies = Array.from({ length: 40_000 }, (_, index) => sightingOf(JSON.stringify({ period: '2026-10', charges: { amount: `${index}.00` } })));
    for (const body of bodies) {
      expect(seen.seen(body)).toBe(false);
      seen.mark(body);
    }
    const recognized = bodies.filter((body) => seen.seen(body)).length;
    expect(recognized / bodies.length).toBeGreaterThan(0.45);
  });

  it('marks a body by its CRC-32, as the signed 32-bit integer the table holds, whichever its top bit', () => {
    const bodies = Array.from({ length: 64 }, (_, index) => `{"period":"2026-10","charges":{"amount":"${index}.00"}}`);
    const hashes = bodies.map((body) => sightingOf(body, 'en').hash);
    // Both halves of the 32-bit range occur, and each hash is already what an Int32Array stores.
    expect(hashes.some((hash) => hash < 0) && hashes.some((hash) => hash > 0)).toBe(true);
    expect(hashes.every((hash) => (hash | 0) === hash)).toBe(true);
    expect(hashes).toEqual(bodies.map((body) => crc32(body, crc32('en')) | 0));
    const seen = new SeenOnce();
    for (const body of bodies) seen.mark(sightingOf(body, 'en'));
    expect(bodies.every((body) => seen.seen(sightingOf(body, 'en')))).toBe(true);
  });
});

describe('decisions answered from the cache', () => {
  it('are counted in policy_decisions_total by policy, version and eligibility, as decisions made afresh are', async () => {
    const app = await openApp();
    const month = { policy: 'clicksend-sla', facts: { ...OCTOBER, incidents: [incident('INC-1', '2026-10-05T10:00:00Z', '2026-10-05T22:00:00Z')] } };
    const ticketsOnly = { policy: 'clicksend-sla', facts: { asOf: '2026-11-02T10:00:00Z', tickets: [{ id: 'T-1', priority: 'major', openedAt: '2026-10-24T09:00:00Z' }] } };
    for (const body of [month, month, month, ticketsOnly, ticketsOnly, ticketsOnly]) {
      expect((await app.inject({ method: 'POST', url: '/v1/evaluate', payload: body })).statusCode).toBe(200);
    }
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    const count = (labels: string): number => Number(new RegExp(`^policy_decisions_total\\{${labels}\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
    expect(count('policy="clicksend-sla",version="1.0.0",eligibility="eligible"')).toBe(3);
    expect(count('policy="clicksend-sla",version="1.0.0",eligibility="none"')).toBe(3);
    expect(/^decision_cache_lookups_total\{result="hit"\} 2$/m.test(metrics)).toBe(true);
    await app.close();
  });
});
