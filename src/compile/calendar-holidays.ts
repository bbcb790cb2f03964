import type { CalendarDocument } from '../model/policy-document.js';
import { languages } from '../messages/languages.js';
import { localize } from '../messages/localized.js';
import type { LocalizedText } from '../messages/localized.js';
import { sourceHolidays } from '../model/public-holidays.js';

/**
 * How many years after its effective date a version applies the recurring
 * holidays of its calendars. A version is rarely in force for decades, and the
 * calendar is built once per load, so the years are bounded; a ticket opened
 * later is counted on the weekly hours and the dates listed under holidays.
 */
export const RECURRING_HOLIDAY_YEARS = 30;

/** One day that differs from the weekly hours: closed, or open only `openingHours`. */
export interface CalendarHoliday {
  readonly date: string;
  /** Written once, or once per language. */
  readonly name?: LocalizedText;
  readonly openingHours?: string[];
}

type PublicHolidays = NonNullable<CalendarDocument['publicHolidays']>;

/**
 * The holidays a calendar counts: the recurring ones from the public-holiday
 * source (of the kinds chosen, plus those included by name, less those
 * excluded by name or date), then the dates listed under `holidays`, which win.
 * The result is the calendar's `holidays` list, which the work calendar reads.
 */
export function calendarHolidays(calendar: CalendarDocument, effectiveFrom: string): CalendarHoliday[] {
  const byDate = new Map<string, CalendarHoliday>();
  if (calendar.publicHolidays) {
    const firstYear = Number(effectiveFrom.slice(0, 4)) - 1;
    for (let year = firstYear; year <= firstYear + 1 + RECURRING_HOLIDAY_YEARS; year++) {
      for (const holiday of recurringHolidays(calendar.publicHolidays, year)) byDate.set(holiday.date, merge(byDate.get(holiday.date), holiday));
    }
  }
  for (const holiday of calendar.holidays ?? []) {
    // A listed date changes the hours of a recurring holiday; without a name of its own it keeps the holiday's.
    const name = holiday.name ?? byDate.get(holiday.date)?.name;
    byDate.set(holiday.date, name === undefined ? holiday : { ...holiday, name });
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

function recurringHolidays(terms: PublicHolidays, year: number): CalendarHoliday[] {
  const kinds = new Set<string>(terms.kinds ?? ['public']);
  const included = new Map((terms.include ?? []).map((entry) => [entry.name, entry.openingHours]));
  const excluded = new Set(terms.exclude ?? []);
  return sourceHolidays(terms.country, terms.region, year)
    .filter((holiday) => (kinds.has(holiday.kind) || included.has(holiday.name)) && !excluded.has(holiday.name) && !excluded.has(holiday.date))
    .map((holiday) => {
      const hours = included.get(holiday.name);
      return { date: holiday.date, name: holiday.names, ...(hours ? { openingHours: hours } : {}) };
    });
}

/** Two holidays of the source on one day: both names, in every language; closed all day if either closes it. */
function merge(first: CalendarHoliday | undefined, second: CalendarHoliday): CalendarHoliday {
  if (!first) return second;
  const named = [first.name, second.name].filter((name) => name !== undefined);
  const name = Object.fromEntries(languages.map((language) => [language, named.map((each) => localize(each, language)).join(' / ')]));
  return !first.openingHours || !second.openingHours ? { date: first.date, name } : { ...first, name };
}
