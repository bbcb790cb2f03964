// Public holidays by country from a maintained source (date-holidays), read the
// same way by validation and by compilation.
import Holidays from 'date-holidays';
import type { HolidaysTypes } from 'date-holidays';
import { ByteBoundedMemo, ENTRY_OVERHEAD_BYTES } from './byte-bounded-memo.js';

export type HolidayKind = HolidaysTypes.HolidayType;

export interface SourceHoliday {
  readonly date: string;
  readonly name: string;
  readonly kind: HolidayKind;
}

/** Years of holidays remembered across loads (a policy folder reloads often; the list of a year never changes). */
const YEARS_BYTES = 2 * 1024 * 1024;
/** A year's holidays as remembered: a few dozen dates and names. */
const yearBytes = (holidays: readonly SourceHoliday[], key: string): number => 2 * key.length + holidays.reduce((sum, holiday) => sum + 2 * (holiday.date.length + holiday.name.length + holiday.kind.length) + ENTRY_OVERHEAD_BYTES, ENTRY_OVERHEAD_BYTES);
const years = new ByteBoundedMemo<string, readonly SourceHoliday[]>(YEARS_BYTES, yearBytes);
/** One reader per country and region asked for; an unknown one is not remembered (it is refused at validation). */
const sources = new Map<string, Holidays>();

function sourceFor(country: string, region: string | undefined): Holidays | null {
  const key = `${country}/${region ?? ''}`;
  const known = sources.get(key);
  if (known !== undefined) return known;
  if (!isKnown(country, region)) return null;
  // Known countries and regions are a fixed list, so this map stays small.
  const source = region === undefined ? new Holidays(country) : new Holidays(country, region);
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

/** The source's holidays of one year, every kind, with English names; empty for an unknown country. */
export function sourceHolidays(country: string, region: string | undefined, year: number): readonly SourceHoliday[] {
  const key = `${country}/${region ?? ''}/${year}`;
  const known = years.get(key);
  if (known) return known;
  const source = sourceFor(country, region);
  const found = (source?.getHolidays(year, 'en') ?? []).map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name, kind: holiday.type }));
  years.set(key, found);
  return found;
}
