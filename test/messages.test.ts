import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../src/errors/codes.js';
import { catalogs, locales, placeholders, say } from '../src/messages/catalog.js';
import { compileMessage, formatWithIntlMessageFormat } from '../src/messages/compile-message.js';
import { languageOfLocale, languages, negotiateLanguage } from '../src/messages/languages.js';
import { localize } from '../src/messages/localized.js';

const english = catalogs.en;

describe('message catalogs', () => {
  for (const language of languages) {
    it(`${language} has exactly the keys of the English catalog`, () => {
      const keys = Object.keys(catalogs[language]);
      expect(Object.keys(english).filter((key) => !keys.includes(key))).toEqual([]);
      expect(keys.filter((key) => !Object.hasOwn(english, key))).toEqual([]);
    });

    it(`${language} uses the same placeholders as English in every message`, () => {
      const differing = Object.entries(english).flatMap(([key, pattern]) => {
        const translated = catalogs[language][key as keyof typeof english];
        return translated === undefined || placeholders(translated).join() === placeholders(pattern).join() ? [] : [`${key}: ${placeholders(pattern).join()} vs ${placeholders(translated).join()}`];
      });
      expect(differing).toEqual([]);
    });
  }

  it('finds placeholders inside plural and select branches, so a dropped one is caught', () => {
    expect(placeholders('{kind, select, action {due {at}} other {x}} {n, plural, one {# y} other {# {z}}}')).toEqual(['at', 'kind', 'n', 'z']);
    expect(placeholders('{a} and {b}')).not.toEqual(placeholders('{a} and b'));
  });

  it('has a title and a fix for every error code in English', () => {
    const missing = Object.keys(errorCodes).flatMap((code) => ['title', 'fix'].map((part) => `code.${code}.${part}`)).filter((key) => !Object.hasOwn(english, key));
    expect(missing).toEqual([]);
  });

  it('keeps < and > as text (row <100), and literal braces quoted', () => {
    expect(say('en', 'code.VERSION_NOT_FOUND.fix')).toBe('Use a version listed by GET /v1/policies/{id}.');
    expect(say('sv', 'rebate.line.tier', { uptime: '94,5', threshold: '95', percent: '100', cite: ' (Rabattpolicy, raden <95)' })).toBe('Drifttiden 94,5 % understiger 95 %: rabatt 100 % (Rabattpolicy, raden <95).');
  });

  it('writes plurals and numbers the Swedish way', () => {
    expect(say('sv', 'support.span.minutes', { minutes: 1 })).toBe('1 minut');
    expect(say('sv', 'support.span.minutes', { minutes: 30 })).toBe('30 minuter');
    expect(say('sv', 'rebate.line.downtime', { minutes: 415, monthMinutes: 43200, cite: '' })).toBe('Räknat driftstopp: 415 minuter av en månad om 43\u00a0200 minuter.');
  });

  it('refuses a message without one of its values instead of writing a hole', () => {
    expect(() => say('en', 'rebate.line.tier', { uptime: '99' })).toThrow(/threshold/);
  });
});

/** For each placeholder of a message, values of the kinds it takes: numbers for plural and number, the options (and others) for select. */
function valuesFor(pattern: string): fc.Arbitrary<Record<string, string | number>> {
  const kinds = new Map<string, fc.Arbitrary<string | number>>();
  const number = fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom(0, 1, 2, 1.5, 43_200), fc.double({ min: 0, max: 1e6, noNaN: true }));
  const walk = (elements: readonly MessageFormatElement[]): void => {
    for (const element of elements) {
      if (element.type === TYPE.plural || element.type === TYPE.number) kinds.set(element.value, number);
      else if (element.type === TYPE.select) kinds.set(element.value, fc.oneof(fc.constantFrom(...Object.keys(element.options)), fc.string()));
      else if (element.type === TYPE.argument && !kinds.has(element.value)) kinds.set(element.value, fc.oneof(fc.string(), fc.integer()));
      if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(parse(pattern, { ignoreTag: true }));
  return fc.record(Object.fromEntries(kinds));
}

describe('compiled messages', () => {
  for (const language of languages) {
    it(`write every ${language} message exactly as IntlMessageFormat does, for any values`, () => {
      for (const [key, pattern] of Object.entries(catalogs[language])) {
        const compiled = compileMessage(pattern, locales[language], key);
        fc.assert(
          fc.property(valuesFor(pattern), (values) => {
            expect(compiled(values)).toBe(formatWithIntlMessageFormat(pattern, locales[language], values));
          }),
          { numRuns: 25 },
        );
      }
    });
  }

  it('falls back to IntlMessageFormat for forms it does not compile (dates, ordinals)', () => {
    const pattern = '{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}} on {d, date, short}';
    const values = { n: 22, d: Date.UTC(2026, 9, 3) };
    expect(compileMessage(pattern, 'en', 'test')(values)).toBe(formatWithIntlMessageFormat(pattern, 'en', values));
  });
});

describe('choosing a language', () => {
  const cases: [string | undefined, string][] = [
    [undefined, 'en'],
    ['sv', 'sv'],
    ['sv-SE', 'sv'],
    ['sv-SE;q=0.9, en;q=0.8', 'sv'],
    ['en;q=0.5, sv;q=0.9', 'sv'],
    ['en-GB', 'en'],
    ['fr', 'en'],
    ['fr, sv;q=0.5', 'sv'],
    ['sv;q=0, en', 'en'],
    ['*', 'en'],
    ['garbage;;;q=x', 'en'],
  ];
  for (const [header, language] of cases) {
    it(`Accept-Language ${JSON.stringify(header)} gives ${language}`, () => expect(negotiateLanguage(header)).toBe(language));
  }

  it('reads the POSIX locale: LC_ALL before LC_MESSAGES before LANG', () => {
    expect(languageOfLocale({ LANG: 'sv_SE.UTF-8' })).toBe('sv');
    expect(languageOfLocale({ LC_ALL: 'en_US.UTF-8', LANG: 'sv_SE.UTF-8' })).toBe('en');
    expect(languageOfLocale({ LC_MESSAGES: 'sv_FI', LANG: 'C' })).toBe('sv');
    expect(languageOfLocale({ LANG: 'C.UTF-8' })).toBe('en');
    expect(languageOfLocale({})).toBe('en');
  });

  it("picks a policy text's language, else English, else what is written", () => {
    expect(localize('once', 'sv')).toBe('once');
    expect(localize({ en: 'E', sv: 'S' }, 'sv')).toBe('S');
    expect(localize({ en: 'E' }, 'sv')).toBe('E');
    expect(localize({ sv: 'S' }, 'en')).toBe('S');
    expect(localize(undefined, 'sv')).toBeUndefined();
  });
});
