// Public holidays by country from a maintained source (date-holidays), read the
// same way by validation and by compilation.
import Holidays from 'date-holidays';
import type { HolidaysTypes } from 'date-holidays';
import { languages } from '../messages/languages.js';
import type { Language } from '../messages/languages.js';
import { ByteBoundedMemo, ENTRY_OVERHEAD_BYTES, stringBytes } from './byte-bounded-memo.js';

export type HolidayKind = HolidaysTypes.HolidayType;

export interface SourceHoliday {
  readonly date: string;
  /** The English name: the one a policy includes or excludes a holiday by. */
  readonly name: string;
  /** The name in each language the service writes in, English where the source has none in that language. */
  readonly names: { readonly [language in Language]: string };
  readonly kind: HolidayKind;
}

/** Years of holidays remembered across loads (a policy folder reloads often; the list of a year never changes). */
const YEARS_BYTES = 2 * 1024 * 1024;
/** A year's holidays as remembered: a few dozen dates and names. */
const yearBytes = (holidays: readonly SourceHoliday[], key: string): number =>
  stringBytes(key) + holidays.reduce((sum, holiday) => sum + stringBytes(holiday.date + holiday.kind) + Object.values(holiday.names).reduce((names, name) => names + stringBytes(name), 0) + ENTRY_OVERHEAD_BYTES, ENTRY_OVERHEAD_BYTES);
const years = new ByteBoundedMemo<string, readonly SourceHoliday[]>(YEARS_BYTES, yearBytes);
/** A country's (or region's) holidays, and the language the source names them in when it has no translation. */
interface Source {
  readonly holidays: Holidays;
  readonly ownLanguage: string;
}

/** One reader per country and region asked for; an unknown one is not remembered (it is refused at validation). */
const sources = new Map<string, Source>();

function sourceFor(country: string, region: string | undefined): Source | null {
  const key = `${country}/${region ?? ''}`;
  const known = sources.get(key);
  if (known !== undefined) return known;
  if (!isKnown(country, region)) return null;
  // Known countries and regions are a fixed list, so this map stays small.
  const holidays = region === undefined ? new Holidays(country) : new Holidays(country, region);
  const source = { holidays, ownLanguage: holidays.getLanguages()[0] ?? 'en' };
  sources.set(key, source);
  return source;
}

function isKnown(country: string, region: string | undefined): boolean {
  const list = new Holidays();
  if (!Object.hasOwn(list.getCountries('en'), country)) return false;
  return region === undefined || Object.hasOwn(list.getStates(country, 'en') ?? {}, region);
}

/** Whether the source knows the country (and region). */
export function isHolidayCountry(country: string, region?: string): boolean {
  return sourceFor(country, region) !== null;
}

/** The source's holidays of one year, every kind, named in each language; empty for an unknown country. */
export function sourceHolidays(country: string, region: string | undefined, year: number): readonly SourceHoliday[] {
  const key = `${country}/${region ?? ''}/${year}`;
  const known = years.get(key);
  if (known) return known;
  const source = sourceFor(country, region);
  const found = source === null ? [] : namedHolidays(source, year);
  years.set(key, found);
  return found;
}

/**
 * The year's holidays with their names in every language. The source names a
 * holiday it has no translation for in the country's own language (a German
 * holiday asked for in Swedish comes in German): such a name is given in
 * English instead, which every holiday has.
 */
function namedHolidays({ holidays, ownLanguage }: Source, year: number): SourceHoliday[] {
  // Each language's list read once: English, the country's own and the service's languages are often the same ones.
  const lists = new Map<string, HolidaysTypes.Holiday[]>();
  const listIn = (language: string): HolidaysTypes.Holiday[] => {
    let list = lists.get(language);
    if (!list) lists.set(language, (list = holidays.getHolidays(year, language)));
    return list;
  };
  const [english, own] = [listIn('en'), listIn(ownLanguage)];
  return english.map((holiday, index) => {
    const names = Object.fromEntries(
      languages.map((language) => {
        const translated = listIn(language)[index];
        const untranslated = language !== ownLanguage && translated?.name === own[index]?.name;
        return [language, translated === undefined || translated.date !== holiday.date || untranslated ? holiday.name : translated.name];
      }),
    ) as SourceHoliday['names'];
    return { date: holiday.date.slice(0, 10), name: holiday.name, names, kind: holiday.type };
  });
}
