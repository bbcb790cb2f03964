import { say } from './catalog.js';
import type { MessageKey } from './catalog.js';
import type { Language } from './languages.js';

/** A sentence not yet written in any language: a catalog key and its values, which may be texts themselves. */
export interface Text {
  readonly key: MessageKey;
  readonly values?: Readonly<Record<string, TextValue>>;
}
export type TextValue = string | number | Text;

export function text(key: MessageKey, values?: Readonly<Record<string, TextValue>>): Text {
  return values === undefined ? { key } : { key, values };
}

/** The text in a language, its nested texts written in the same language. */
export function render(language: Language, value: Text): string {
  if (!value.values) return say(language, value.key);
  const plain: Record<string, string | number> = {};
  for (const [name, item] of Object.entries(value.values)) plain[name] = typeof item === 'object' ? render(language, item) : item;
  return say(language, value.key, plain);
}
