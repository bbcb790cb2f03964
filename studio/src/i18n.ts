import { IntlMessageFormat } from 'intl-messageformat';
import en from '../messages/en.json';
import sv from '../messages/sv.json';

/** Every UI string, per language, as ICU messages (the same format as the server's catalogs). */
const catalogs = { en, sv } as const;
export type Language = keyof typeof catalogs;
export type MessageKey = keyof typeof en;
export const LANGUAGES = Object.keys(catalogs) as Language[];

let current: Language = 'en';
const compiled = new Map<string, IntlMessageFormat>();

export function isLanguage(value: string | null | undefined): value is Language {
  return value !== null && value !== undefined && Object.hasOwn(catalogs, value);
}

export function setLanguage(language: Language): void {
  current = language;
  document.documentElement.lang = language;
}

export function language(): Language {
  return current;
}

/** A message in the current language; a key missing from a catalog falls back to English. */
export function t(key: MessageKey, values?: Record<string, string | number | Date>): string {
  const id = `${current}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) {
    const catalog: Record<string, string | undefined> = catalogs[current];
    const message = catalog[key] ?? (en as Record<string, string | undefined>)[key];
    if (message === undefined) return key;
    format = new IntlMessageFormat(message, current);
    compiled.set(id, format);
  }
  return String(format.format(values));
}

/** A policy text that may be one string or one per language ({ sv, en }). */
export function localText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    const texts = value as Record<string, unknown>;
    const chosen = texts[current] ?? texts['en'] ?? Object.values(texts)[0];
    return typeof chosen === 'string' ? chosen : '';
  }
  return value === undefined || value === null ? '' : String(value);
}
