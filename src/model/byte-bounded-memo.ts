import { LRUCache } from 'lru-cache';

/**
 * What an entry costs beyond its key and value: lru-cache's slots for the key,
 * the value, its size and its place in the recency list, plus the Map entry.
 */
export const ENTRY_OVERHEAD_BYTES = 64;

/** Bytes a string holds in memory, counting two per UTF-16 code unit (V8 may store one, so this errs high). */
export function stringBytes(text: string): number {
  return 2 * text.length;
}

/**
 * A memo that forgets its least recently used entries to stay within a budget in
 * bytes, never in entries: one large input cannot make it grow beyond the budget,
 * and an entry larger than `maxEntryBytes` (default: a tenth of the budget) is
 * not kept at all.
 */
export class ByteBoundedMemo<K extends NonNullable<unknown>, V extends NonNullable<unknown>> {
  private readonly entries: LRUCache<K, V> | undefined;

  /** `sizeOf` gives an entry's bytes, key and overhead included; a budget of 0 remembers nothing. */
  constructor(
    readonly maxBytes: number,
    sizeOf: (value: V, key: K) => number,
    maxEntryBytes = maxBytes / 10,
  ) {
    const maxEntrySize = Math.max(1, Math.floor(Math.min(maxEntryBytes, maxBytes)));
    this.entries = maxBytes > 0 ? new LRUCache<K, V>({ maxSize: maxBytes, maxEntrySize, sizeCalculation: (value, key) => Math.max(1, Math.ceil(sizeOf(value, key))) }) : undefined;
  }

  get(key: K): V | undefined {
    return this.entries?.get(key);
  }

  set(key: K, value: V): void {
    this.entries?.set(key, value);
  }

  /** The remembered value, or `compute()`'s, remembered from now on if it fits. */
  getOrCompute(key: K, compute: () => V): V {
    const known = this.entries?.get(key);
    if (known !== undefined) return known;
    const value = compute();
    this.entries?.set(key, value);
    return value;
  }

  /** Bytes held now (by the sizes `sizeOf` gave). */
  get bytes(): number {
    return this.entries?.calculatedSize ?? 0;
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }
}

/** Bytes of a remembered text keyed by a number or a text: the memos of formatted values use this. */
export function textEntryBytes(value: string, key: number | string): number {
  return stringBytes(value) + (typeof key === 'string' ? stringBytes(key) : 8) + ENTRY_OVERHEAD_BYTES;
}

/** A memo of formatted texts within `maxBytes`. */
export function textMemo<K extends number | string>(maxBytes: number): ByteBoundedMemo<K, string> {
  return new ByteBoundedMemo<K, string>(maxBytes, textEntryBytes);
}
