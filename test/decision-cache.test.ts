import { describe, expect, it } from 'vitest';
import { DecisionCache, SeenOnce, sightingOf } from '../src/evaluate/decision-cache.js';
import { serializeDecision } from '../src/evaluate/serialize-decision.js';
import { bundledRegistry, decide, OCTOBER } from './helpers.js';

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
    // A request whose mark another one took over (the same slot) is not looked up, and is decided again.
    expect(cache.get(registry, { key, hash: sightingOf(key).hash ^ (1 << 20) }, 'taken over')).toBeUndefined();
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
});
