import Negotiator from 'negotiator';

/** The languages the service writes in; each has a catalog beside this file (en.json, sv.json). */
export const languages = ['en', 'sv'] as const;
export type Language = (typeof languages)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The language a request body asks for in its `lang`, when it names one the service writes in; read before the body is validated, so its own errors come in that language. */
export function askedLanguage(body: unknown): Language | undefined {
  const asked = body !== null && typeof body === 'object' ? (body as { lang?: unknown }).lang : undefined;
  return isLanguage(asked) ? asked : undefined;
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
