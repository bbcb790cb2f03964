import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';

const catalogs = Object.fromEntries(['en', 'sv'].map((language) => [language, JSON.parse(readFileSync(`studio/messages/${language}.json`, 'utf8')) as Record<string, string>]));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [readFileSync(join(dir, entry.name), 'utf8')] : []));
}

describe('the studio\'s message catalogs', () => {
  it('hold the same keys in every language', () => {
    expect(Object.keys(catalogs['sv'] ?? {}).sort()).toEqual(Object.keys(catalogs['en'] ?? {}).sort());
  });

  it('are ICU messages that format in their language, with the same arguments in each', () => {
    const argumentsOf = (message: string) => [...message.matchAll(/\{(\w+)/g)].map((match) => match[1]).sort();
    for (const [key, english] of Object.entries(catalogs['en'] ?? {})) {
      for (const [language, catalog] of Object.entries(catalogs)) {
        const message = catalog[key] ?? '';
        expect(() => new IntlMessageFormat(message, language), `${language} ${key}`).not.toThrow();
        expect(new Set(argumentsOf(message)), `${language} ${key}`).toEqual(new Set(argumentsOf(english)));
      }
    }
  });

  it('have every key the page asks for by name', () => {
    const asked = new Set(sources('studio/src').flatMap((text) => [...text.matchAll(/\bt\('([\w.]+)'/g)].map((match) => match[1] ?? '')));
    expect(asked.size).toBeGreaterThan(100);
    expect([...asked].filter((key) => !(key in (catalogs['en'] ?? {})))).toEqual([]);
  });
});
