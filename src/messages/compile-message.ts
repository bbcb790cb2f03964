import { IntlMessageFormat } from 'intl-messageformat';
import { TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { textMemo } from '../model/byte-bounded-memo.js';

export type PlainValues = Readonly<Record<string, string | number>>;
export type Render = (values: PlainValues) => string;

/** A message part compiled to a function; null where the fast form does not cover the element. */
type Part = (values: PlainValues, pound: number | undefined) => string;

/** What a number reads as in a locale, and its plural category: built once per locale, remembered per number (counts recur). */
interface NumberWords {
  format(count: number): string;
  category(count: number): string;
}

const numberWords = new Map<string, NumberWords>();

function wordsFor(locale: string): NumberWords {
  let words = numberWords.get(locale);
  if (!words) {
    const [format, rules] = [new Intl.NumberFormat(locale), new Intl.PluralRules(locale)];
    const [written, categories] = [textMemo<number>(256 * 1024), textMemo<number>(256 * 1024)];
    words = {
      format: (count) => written.getOrCompute(count, () => format.format(count)),
      category: (count) => categories.getOrCompute(count, () => rules.select(count)),
    };
    numberWords.set(locale, words);
  }
  return words;
}

function valueOf(values: PlainValues, name: string, id: string): string | number {
  const value = values[name];
  if (value === undefined) throw new Error(`message ${id} needs a value for {${name}}`);
  return value;
}

/**
 * One element as a function, for the forms catalogs use: text, {name},
 * {name, number}, {name, plural, ...} with # and =n, {name, select, ...}.
 * Anything else (dates, skeletons, ordinals, tags) returns null.
 */
function compilePart(element: MessageFormatElement, locale: string, id: string): Part | null {
  switch (element.type) {
    case TYPE.literal: {
      const text = element.value;
      return () => text;
    }
    case TYPE.argument: {
      const name = element.value;
      return (values) => String(valueOf(values, name, id));
    }
    case TYPE.pound: {
      const words = wordsFor(locale);
      return (_values, pound) => (pound === undefined ? '#' : words.format(pound));
    }
    case TYPE.number: {
      if (element.style !== null && element.style !== undefined) return null;
      const [name, words] = [element.value, wordsFor(locale)];
      return (values) => words.format(Number(valueOf(values, name, id)));
    }
    case TYPE.select: {
      const name = element.value;
      const options = compileOptions(element.options, locale, id);
      if (!options) return null;
      return (values, pound) => {
        const chosen = options.get(String(valueOf(values, name, id))) ?? options.get('other');
        return chosen ? chosen(values, pound) : '';
      };
    }
    case TYPE.plural: {
      if (element.pluralType === 'ordinal') return null;
      const { value: name, offset } = element;
      const [options, words] = [compileOptions(element.options, locale, id), wordsFor(locale)];
      if (!options) return null;
      return (values) => {
        const count = Number(valueOf(values, name, id));
        const chosen = options.get(`=${count}`) ?? options.get(words.category(count - offset)) ?? options.get('other');
        return chosen ? chosen(values, count - offset) : '';
      };
    }
    default:
      return null;
  }
}

function compileOptions(options: Record<string, { value: MessageFormatElement[] }>, locale: string, id: string): Map<string, Part> | null {
  const compiled = new Map<string, Part>();
  for (const [selector, option] of Object.entries(options)) {
    const sequence = compileSequence(option.value, locale, id);
    if (!sequence) return null;
    compiled.set(selector, sequence);
  }
  return compiled;
}

function compileSequence(elements: readonly MessageFormatElement[], locale: string, id: string): Part | null {
  if (elements.every((element) => element.type === TYPE.literal || element.type === TYPE.argument)) return concatenation(elements, id);
  const parts: Part[] = [];
  for (const element of elements) {
    const part = compilePart(element, locale, id);
    if (!part) return null;
    parts.push(part);
  }
  return (values, pound) => {
    let out = '';
    for (const part of parts) out += part(values, pound);
    return out;
  };
}

/** Text and {name} only, the form of most messages: one loop over strings and names, no call per part. */
function concatenation(elements: readonly MessageFormatElement[], id: string): Part {
  const texts = elements.map((element) => (element.type === TYPE.literal ? element.value : null));
  const names = elements.map((element) => ('value' in element ? element.value : ''));
  return (values) => {
    let out = '';
    for (let index = 0; index < texts.length; index++) out += texts[index] ?? String(valueOf(values, names[index] as string, id));
    return out;
  };
}

/**
 * An ICU message compiled once into a function. Explanations are on the hot
 * path, and IntlMessageFormat's general formatter costs microseconds a call;
 * the forms catalogs use become plain concatenation with shared Intl
 * formatters. A message using any other form is left to IntlMessageFormat.
 * test/messages.test.ts holds the two to the same output.
 */
export function compileMessage(pattern: string, locale: string, id: string): Render {
  const format = new IntlMessageFormat(pattern, locale, undefined, { ignoreTag: true });
  const fast = compileSequence(format.getAst(), locale, id);
  return fast ? (values) => fast(values, undefined) : (values) => String(format.format(values));
}

/** The same message through IntlMessageFormat alone: the reference the compiled form is tested against. */
export function formatWithIntlMessageFormat(pattern: string, locale: string, values: PlainValues): string {
  return String(new IntlMessageFormat(pattern, locale, undefined, { ignoreTag: true }).format(values));
}
