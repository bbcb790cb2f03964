import { describe, expect, it } from 'vitest';
import { errorCodes } from '../src/errors/codes.js';
import { catalogs, placeholders, say } from '../src/messages/catalog.js';
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
