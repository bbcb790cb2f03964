import type { Language } from './languages.js';

/**
 * Texts written once per key and language, and kept as long as the key is (a
 * compiled policy version, a period's frame): sentences every decision under
 * that key repeats.
 */
export class PerLanguage<K extends object, V> {
  private readonly written = new WeakMap<K, Map<Language, V>>();

  get(key: K, language: Language): V | undefined {
    return this.written.get(key)?.get(language);
  }

  /** Keeps the value and gives it back. */
  set(key: K, language: Language, value: V): V {
    let byLanguage = this.written.get(key);
    if (!byLanguage) this.written.set(key, (byLanguage = new Map()));
    byLanguage.set(language, value);
    return value;
  }
}
