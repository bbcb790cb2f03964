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
 * One element other than text and {name} as a function, for the forms catalogs
 * use: {name, number}, {name, plural, ...} with # and =n, {name, select, ...}.
 * Anything else (dates, skeletons, ordinals, tags) returns null.
 */
function compilePart(element: MessageFormatElement, locale: string, id: string): Part | null {
  switch (element.type) {
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

/**
 * A sequence of elements as one generated function: literal text and {name} are
 * written into its source (the text as JSON string literals, each name as a
 * constant property read), other elements are called as compiled parts. The
 * source comes from the service's own catalogs, never from a request or a policy.
 * V8 then reads each message's values as it reads a template literal's: a
 * closure looping over parts with computed property reads cost four times as much,
 * and a decision writes dozens of sentences.
 */
function compileSequence(elements: readonly MessageFormatElement[], locale: string, id: string): Part | null {
  const parts: Part[] = [];
  const terms: string[] = [];
  for (const element of elements) {
    if (element.type === TYPE.literal) terms.push(JSON.stringify(element.value));
    else if (element.type === TYPE.argument) terms.push(`textOf(values[${JSON.stringify(element.value)}], ${JSON.stringify(element.value)})`);
    else {
      const part = compilePart(element, locale, id);
      if (!part) return null;
      terms.push(`parts[${parts.length}](values, pound)`);
      parts.push(part);
    }
  }
  const textOf = (value: string | number | undefined, name: string): string => {
    if (value === undefined) throw new Error(`message ${id} needs a value for {${name}}`);
    return typeof value === 'string' ? value : String(value);
  };
  return new Function('textOf', 'parts', `return (values, pound) => ${terms.length > 0 ? terms.join(' + ') : '""'};`)(textOf, parts) as Part;
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
