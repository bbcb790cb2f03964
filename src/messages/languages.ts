import Negotiator from 'negotiator';

/** The languages the service writes in; each has a catalog beside this file (en.json, sv.json). */
export const languages = ['en', 'sv'] as const;
export type Language = (typeof languages)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The offered language an HTTP Accept-Language header prefers (q-values, regions such as sv-SE), else English. */
export function negotiateLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  const chosen = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages([...languages])[0];
  return isLanguage(chosen) ? chosen : DEFAULT_LANGUAGE;
}

/** The language of a POSIX locale such as sv_SE.UTF-8, from LC_ALL, LC_MESSAGES, then LANG (the order POSIX reads them). */
export function languageOfLocale(env: Readonly<Record<string, string | undefined>>): Language {
  const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  const code = locale.split(/[_.@-]/)[0]?.toLowerCase();
  return isLanguage(code) ? code : DEFAULT_LANGUAGE;
}
