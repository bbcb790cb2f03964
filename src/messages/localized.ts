import { DEFAULT_LANGUAGE } from './languages.js';
import type { Language } from './languages.js';

/** A policy's own text: written once for every language, or once per language ({ sv: …, en: … }). */
export type LocalizedText = string | { readonly [language in Language]?: string };

/** The text in a language; else in English; else in whichever language it is written. */
export function localize(value: LocalizedText, language: Language): string;
export function localize(value: LocalizedText | undefined, language: Language): string | undefined;
export function localize(value: LocalizedText | undefined, language: Language): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return value[language] ?? value[DEFAULT_LANGUAGE] ?? Object.values(value).find((written) => written !== undefined);
}
