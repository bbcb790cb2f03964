import { LRUCache } from 'lru-cache';
import type { Decision } from '../model/evaluate-request.js';
import type { PolicyRegistry } from '../registry/policy-registry.js';

/** Marks a request seen once, whose decision is not kept (yet). */
const SEEN_ONCE = '';

/**
 * Decisions are reproducible: the same request under the same policy files gives
 * the same decision but for its id. So a service asked the same question again
 * (a status page polling a month, a retry) answers from memory. Most requests are
 * never repeated (every customer's month differs), so a decision is kept only
 * when its request comes a second time: a stream of distinct months costs a
 * lookup each, not a stored 5 kB decision each. Only the serialized text after
 * the id is kept. Entries belong to one registry: a reload starts afresh.
 * Requests whose answer depends on the clock (tickets without asOf, or no period
 * and no asOf) are never remembered.
 */
export class DecisionCache {
  private readonly byRegistry = new WeakMap<PolicyRegistry, LRUCache<string, string>>();

  constructor(private readonly maxEntries: number) {}

  static cacheable(facts: { readonly asOf?: string; readonly tickets?: unknown; readonly period?: string }): boolean {
    return facts.asOf !== undefined || (facts.tickets === undefined && facts.period !== undefined);
  }

  get enabled(): boolean {
    return this.maxEntries > 0;
  }

  /** The serialized decision for a request remembered before, with a new id; undefined when not remembered. */
  get(registry: PolicyRegistry, key: string, decisionId: string): string | undefined {
    const afterId = this.byRegistry.get(registry)?.get(key);
    return afterId === undefined || afterId === SEEN_ONCE ? undefined : `${idPrefix(decisionId)}${afterId}`;
  }

  /** Notes a request seen for the first time; remembers its decision the second time. */
  set(registry: PolicyRegistry, key: string, decision: Decision, serialized: string): void {
    if (!this.enabled) return;
    let entries = this.byRegistry.get(registry);
    if (!entries) {
      entries = new LRUCache({ max: this.maxEntries });
      this.byRegistry.set(registry, entries);
    }
    entries.set(key, entries.has(key) ? serialized.slice(idPrefix(decision.decisionId).length) : SEEN_ONCE);
  }
}

/** A serialized decision starts with its id (see serialize-decision.ts). */
function idPrefix(decisionId: string): string {
  return `{"decisionId":${JSON.stringify(decisionId)}`;
}
