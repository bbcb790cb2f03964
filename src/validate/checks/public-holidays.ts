import { problem } from '../../errors/problem.js';
import type { JsonPath, Problem } from '../../errors/problem.js';
import type { CalendarDocument } from '../../model/policy-document.js';
import { isHolidayCountry, sourceHolidays } from '../../model/public-holidays.js';
import { isCalendarDate } from '../../model/values.js';
import { checkDayHours } from './calendars.js';
import type { PolicyCheck } from './check.js';

/** Years whose holiday names are known to a check: enough for holidays that fall only some years. */
const YEARS_PROBED = 8;

function knownNames(terms: NonNullable<CalendarDocument['publicHolidays']>, effectiveFrom: string): Set<string> {
  const first = Number(effectiveFrom.slice(0, 4));
  const names = new Set<string>();
  for (let year = first; year < first + YEARS_PROBED; year++) for (const holiday of sourceHolidays(terms.country, terms.region, year)) names.add(holiday.name);
  return names;
}

/** A name as people mistype it: case, apostrophes and spaces aside. */
function comparable(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function checkCalendar(calendar: CalendarDocument, effectiveFrom: string, at: JsonPath): Problem[] {
  const terms = calendar.publicHolidays;
  if (!terms) return [];
  if (calendar.alwaysOpen === true) return [problem('CALENDAR_ALWAYS_OPEN_WITH_HOURS', 'a calendar open 24/7 cannot also have public holidays', [...at, 'alwaysOpen'])];
  if (!isHolidayCountry(terms.country)) {
    return [problem('UNKNOWN_HOLIDAY_COUNTRY', `"${terms.country}" is not a country of the public-holiday list; write its two-letter ISO code, for example SE or DE`, [...at, 'country'])];
  }
  if (terms.region !== undefined && !isHolidayCountry(terms.country, terms.region)) {
    return [problem('UNKNOWN_HOLIDAY_COUNTRY', `"${terms.region}" is not a region of ${terms.country} in the public-holiday list; leave region out for the whole country`, [...at, 'region'])];
  }
  const names = knownNames(terms, effectiveFrom);
  const unknown = (name: string): string => {
    const meant = [...names].find((known) => comparable(known) === comparable(name));
    return `"${name}" is not a holiday of ${terms.country} in the list; ${meant ? `write ${meant}` : `its holidays are: ${[...names].join(', ')}`}`;
  };
  const problems: Problem[] = [];
  (terms.include ?? []).forEach((entry, index) => {
    if (!names.has(entry.name)) problems.push(problem('UNKNOWN_HOLIDAY_NAME', unknown(entry.name), [...at, 'include', index, 'name']));
    if (entry.openingHours) problems.push(...checkDayHours(entry.openingHours, [...at, 'include', index, 'openingHours']));
  });
  (terms.exclude ?? []).forEach((entry, index) => {
    const isDate = /^\d{4}-\d{2}-\d{2}$/.test(entry);
    if (isDate && !isCalendarDate(entry)) problems.push(problem('INVALID_DATE', `${JSON.stringify(entry)} is not a date in the calendar`, [...at, 'exclude', index]));
    if (!isDate && !names.has(entry)) problems.push(problem('UNKNOWN_HOLIDAY_NAME', unknown(entry), [...at, 'exclude', index]));
  });
  return problems;
}

/** Recurring public holidays: a country and region the source knows, and names it has. */
export const checkPublicHolidays: PolicyCheck = (policy) =>
  Object.entries(policy.calendars).flatMap(([name, calendar]) => checkCalendar(calendar, policy.effectiveFrom, ['calendars', name, 'publicHolidays']));
