import { describe, expect, it } from 'vitest';
import { DecisionCache } from '../src/evaluate/decision-cache.js';
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

    expect(cache.get(registry, key, 'first')).toBeUndefined();
    cache.set(registry, key, result.decision, serialized);
    expect(cache.get(registry, key, 'second')).toBeUndefined(); // seen once: nothing kept yet
    cache.set(registry, key, result.decision, serialized);
    expect(cache.get(registry, key, 'third')?.serialized).toBe(serialized.replace('"decisionId":"test-decision"', '"decisionId":"third"'));
    expect(cache.get(registry, `${key} `, 'other')).toBeUndefined();
  });

  it('remembers nothing when its budget is 0 bytes', async () => {
    const registry = await bundledRegistry();
    const result = await decide(OCTOBER);
    if (!result.ok) throw new Error('expected a decision');
    const cache = new DecisionCache({ maxBytes: 0, maxEntryBytes: 0 });
    expect(cache.enabled).toBe(false);
    for (let i = 0; i < 3; i++) cache.set(registry, 'key', result.decision, serializeDecision(result.decision));
    expect(cache.get(registry, 'key', 'id')).toBeUndefined();
  });
});
