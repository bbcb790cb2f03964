import { IntlMessageFormat } from 'intl-messageformat';
import { TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import en from './en.json' with { type: 'json' };
import sv from './sv.json' with { type: 'json' };
import type { Language } from './languages.js';

/** Every sentence has a key; the English catalog is the list of keys, and a test holds every other catalog to it. */
export type MessageKey = keyof typeof en;

/** A catalog missing a key does not compile; placeholders are compared by a test (test/messages.test.ts). */
export const catalogs: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, sv };

/** The BCP 47 locale each language formats numbers, plurals and dates in. */
export const locales: Readonly<Record<Language, string>> = { en: 'en', sv: 'sv-SE' };

export type PlainValues = Readonly<Record<string, string | number>>;
type Render = (values: PlainValues) => string;

const compiled = new Map<string, Render>();

/** The catalog's sentence for a key, with its placeholders filled in. Each message is compiled once per language. */
export function say(language: Language, key: MessageKey, values: PlainValues = {}): string {
  const id = `${language}\u0000${key}`;
  let render = compiled.get(id);
  if (!render) {
    render = compile(catalogs[language][key], language, key);
    compiled.set(id, render);
  }
  return render(values);
}

/**
 * Explanations are on the hot path: a message of text and plain {placeholders}
 * only (most of them) becomes a concatenation; one with plural, select or number
 * formatting is left to IntlMessageFormat, compiled once.
 */
function compile(pattern: string, language: Language, key: string): Render {
  const format = new IntlMessageFormat(pattern, locales[language], undefined, { ignoreTag: true });
  const ast = format.getAst();
  if (!ast.every((element) => element.type === TYPE.literal || element.type === TYPE.argument)) {
    return (values) => String(format.format(values));
  }
  const parts = ast.map((element) => (element.type === TYPE.literal ? { text: element.value } : { name: element.value }));
  return (values) => {
    let out = '';
    for (const part of parts) {
      if (part.text !== undefined) out += part.text;
      else {
        const value = values[part.name];
        if (value === undefined) throw new Error(`message ${key} (${language}) needs a value for {${part.name}}`);
        out += value;
      }
    }
    return out;
  };
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
