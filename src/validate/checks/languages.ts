import { problem } from '../../errors/problem.js';
import type { JsonPath, Problem } from '../../errors/problem.js';
import type { MessageKey } from '../../messages/catalog.js';
import { DEFAULT_LANGUAGE, languages } from '../../messages/languages.js';
import type { Language } from '../../messages/languages.js';
import { text } from '../../messages/text.js';
import type { PolicyDocument } from '../../model/policy-document.js';

const isLanguageTexts = (value: unknown): value is Partial<Record<Language, string>> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0 && Object.keys(value).every((key) => (languages as readonly string[]).includes(key));

const languageName = (language: Language) => text(`language.${language}` as MessageKey);

/** Texts written per language, with their paths; rule conditions are data, not texts, and are skipped. */
function languageTexts(value: unknown, path: JsonPath, found: { path: JsonPath; texts: Partial<Record<Language, string>> }[]): void {
  if (isLanguageTexts(value)) {
    found.push({ path, texts: value });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'when') continue;
    languageTexts(child, [...path, Array.isArray(value) ? Number(key) : key], found);
  }
}

/**
 * A published version whose text is written per language but lacks one the
 * service offers: a warning, since readers of that language see another one.
 * Text written once (a plain string) is meant for every language.
 */
export function checkLanguages(policy: PolicyDocument): Problem[] {
  if (policy.status !== 'published') return [];
  const found: { path: JsonPath; texts: Partial<Record<Language, string>> }[] = [];
  languageTexts(policy, [], found);
  return found.flatMap(({ path, texts }) => {
    const fallback = texts[DEFAULT_LANGUAGE] === undefined ? languages.find((language) => texts[language] !== undefined) : DEFAULT_LANGUAGE;
    return languages
      .filter((language) => texts[language] === undefined)
      .map((missing) => problem('TEXT_LANGUAGE_MISSING', text('policy.textLanguageMissing', { missing: languageName(missing), fallback: languageName(fallback ?? DEFAULT_LANGUAGE) }), path, true));
  });
}
