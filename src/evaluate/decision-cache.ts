import { crc32 } from 'node:zlib';
import type { Decision } from '../model/evaluate-request.js';
import { ByteBoundedMemo, ENTRY_OVERHEAD_BYTES, stringBytes } from '../model/byte-bounded-memo.js';
import type { PolicyRegistry } from '../registry/policy-registry.js';

export interface DecisionCacheBudget {
  /** Bytes of request bodies and decisions held at most (per loaded registry); 0 turns the cache off. */
  readonly maxBytes: number;
  /** A request whose body and decision together take more is answered but not remembered. */
  readonly maxEntryBytes: number;
}

/**
 * Decisions are reproducible: the same request under the same policy files gives
 * the same decision but for its id. So a service asked the same question again
 * (a status page polling a month, a retry) answers from memory. Most requests are
 * never repeated (every customer's month differs), so a decision is kept only
 * when its request comes a second time: a stream of distinct months costs a
 * hash each, not a lookup, a stored body and a decision each. Requests seen
 * once are marked by a hash of their body in a table of fixed size (SeenOnce),
 * and only a marked request is looked up. A false "seen before" only stores a
 * decision early, and every remembered decision is still found by its whole
 * body; a mark taken over by another request only means one decision made
 * again. Only the serialized text after the id is kept. Entries belong to one
 * registry: a reload starts afresh. Requests whose answer depends on the clock
 * (tickets without asOf, or no period and no asOf) are never remembered. The
 * budget is in bytes, counting the body that keys an entry, so a stream of large
 * distinct bodies cannot grow it; such bodies are not kept at all.
 */
export interface RememberedDecision {
  /** The serialized decision, with the new id. */
  readonly serialized: string;
  readonly policy: Decision['policy'];
  /** The rebate's eligibility, undefined for a decision without a rebate part: what the decision metrics count by. */
  readonly eligible: boolean | undefined;
}

interface Entry {
  /** The serialized decision after its id. */
  readonly afterId: string;
  readonly policy: Decision['policy'];
  readonly eligible: boolean | undefined;
}

/** Slots of the table of requests seen once: 4 bytes each, 256 KiB in all. */
const SEEN_SLOTS = 1 << 16;

/**
 * A request's body and language with their hash, worked out once per request.
 * The hash is the CRC-32 of the language's bytes and then the body's, in native
 * code (a kilobyte body in about 0.4 µs, against 1.5 µs for SHA-1, which gave
 * nothing more: only 32 bits of it were kept, and a mark only ever decides
 * whether a decision is worth storing). The same body asked in Swedish is
 * another request. Nothing is joined or copied for the hash; the key of a
 * remembered decision is built only for a request that was seen before.
 */
export interface Sighting {
  readonly body: string;
  readonly language: string;
  readonly hash: number;
}

export function sightingOf(body: string, language = ''): Sighting {
  // As a signed 32-bit integer: what the table of marks holds.
  return { body, language, hash: crc32(body, crc32(language)) | 0 };
}

/** The key a remembered decision is found by: its whole body, in its language. */
function keyOf({ body, language }: Sighting): string {
  return `${language}\u0000${body}`;
}

/**
 * Which requests were seen once, as 32-bit hashes of their keys in a
 * direct-mapped table: a key's hash lives in slot hash mod SEEN_SLOTS, and a
 * later key with the same slot takes it over.
 */
export class SeenOnce {
  private readonly hashes = new Int32Array(SEEN_SLOTS);

  /** Whether a key with this hash was marked (and its slot not taken since). */
  seen({ hash }: Sighting): boolean {
    return this.hashes[hash & (SEEN_SLOTS - 1)] === markOf(hash);
  }

  mark({ hash }: Sighting): void {
    this.hashes[hash & (SEEN_SLOTS - 1)] = markOf(hash);
  }
}

/** 0 marks an empty slot. */
const markOf = (hash: number): number => (hash === 0 ? 1 : hash);

export class DecisionCache {
  private readonly byRegistry = new WeakMap<PolicyRegistry, ByteBoundedMemo<string, Entry>>();
  private readonly seen = new SeenOnce();

  constructor(private readonly budget: DecisionCacheBudget) {}

  static cacheable(facts: { readonly asOf?: string; readonly tickets?: unknown; readonly period?: string }): boolean {
    return facts.asOf !== undefined || (facts.tickets === undefined && facts.period !== undefined);
  }

  get enabled(): boolean {
    return this.budget.maxBytes > 0;
  }

  /**
   * The serialized decision for a request remembered before, with a new id;
   * undefined when not remembered. A request never seen before is not looked up.
   */
  get(registry: PolicyRegistry, sighting: Sighting, decisionId: string): RememberedDecision | undefined {
    if (!this.seen.seen(sighting)) return undefined;
    const entry = this.byRegistry.get(registry)?.get(keyOf(sighting));
    return entry === undefined ? undefined : { serialized: `${idPrefix(decisionId)}${entry.afterId}`, policy: entry.policy, eligible: entry.eligible };
  }

  /** Bytes held for the decisions under this registry. */
  bytes(registry: PolicyRegistry): number {
    return this.byRegistry.get(registry)?.bytes ?? 0;
  }

  /** Notes a request seen for the first time; remembers its decision the second time. */
  set(registry: PolicyRegistry, sighting: Sighting, decision: Decision, serialized: string): void {
    if (this.budget.maxBytes <= 0 || stringBytes(sighting.body) > this.budget.maxEntryBytes) return;
    if (!this.seen.seen(sighting)) return this.seen.mark(sighting);
    let entries = this.byRegistry.get(registry);
    if (!entries) {
      // The policy reference's strings are the registry's own; only its small object is the entry's.
      entries = new ByteBoundedMemo<string, Entry>(this.budget.maxBytes, (entry, body) => stringBytes(body) + stringBytes(entry.afterId) + 2 * ENTRY_OVERHEAD_BYTES, this.budget.maxEntryBytes);
      this.byRegistry.set(registry, entries);
    }
    entries.set(keyOf(sighting), { afterId: serialized.slice(idPrefix(decision.decisionId).length), policy: decision.policy, eligible: decision.rebate?.eligible });
  }
}

/** A serialized decision starts with its id (see serialize-decision.ts). */
function idPrefix(decisionId: string): string {
  return `{"decisionId":${JSON.stringify(decisionId)}`;
}
