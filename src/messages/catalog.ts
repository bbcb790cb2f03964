import { IntlMessageFormat } from 'intl-messageformat';
import { TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import en from './en.json' with { type: 'json' };
import sv from './sv.json' with { type: 'json' };
import { compileMessage } from './compile-message.js';
import type { PlainValues, Render } from './compile-message.js';
import type { Language } from './languages.js';

/** Every sentence has a key; the English catalog is the list of keys, and a test holds every other catalog to it. */
export type MessageKey = keyof typeof en;

/** A catalog missing a key does not compile; placeholders are compared by a test (test/messages.test.ts). */
export const catalogs: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, sv };

/** The BCP 47 locale each language formats numbers, plurals and dates in. */
export const locales: Readonly<Record<Language, string>> = { en: 'en', sv: 'sv-SE' };

export type { PlainValues } from './compile-message.js';

/** Each message is compiled once per language, on first use. */
const compiled = new Map<Language, Map<MessageKey, Render>>();

/** The catalog's sentence for a key, with its placeholders filled in. */
export function say(language: Language, key: MessageKey, values: PlainValues = {}): string {
  let known = compiled.get(language);
  if (!known) compiled.set(language, (known = new Map()));
  let render = known.get(key);
  if (!render) {
    render = compileMessage(catalogs[language][key], locales[language], `${key} (${language})`);
    known.set(key, render);
  }
  return render(values);
}

/** The placeholder names a message uses, at any depth (inside plural and select branches too). */
export function placeholders(pattern: string): string[] {
  const names = new Set<string>();
  const walk = (elements: readonly MessageFormatElement[]): void => {
    for (const element of elements) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      names.add(element.value);
      if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(pattern, 'en', undefined, { ignoreTag: true }).getAst());
  return [...names].sort();
}
