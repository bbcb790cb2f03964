import { problem } from '../../errors/problem.js';
import type { JsonPath, Problem } from '../../errors/problem.js';
import type { CalendarDocument } from '../../model/policy-document.js';
import { isHolidayCountry, sourceHolidays } from '../../model/public-holidays.js';
import { isCalendarDate } from '../../model/values.js';
import { checkDayHours } from './calendars.js';
import type { PolicyCheck } from './check.js';
import { text } from '../../messages/text.js';
import type { Text } from '../../messages/text.js';

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
  if (calendar.alwaysOpen === true) return [problem('CALENDAR_ALWAYS_OPEN_WITH_HOURS', text('policy.alwaysOpenWithPublicHolidays'), [...at, 'alwaysOpen'])];
  if (!isHolidayCountry(terms.country)) {
    return [problem('UNKNOWN_HOLIDAY_COUNTRY', text('policy.unknownHolidayCountry', { country: terms.country }), [...at, 'country'])];
  }
  if (terms.region !== undefined && !isHolidayCountry(terms.country, terms.region)) {
    return [problem('UNKNOWN_HOLIDAY_COUNTRY', text('policy.unknownHolidayRegion', { region: terms.region, country: terms.country }), [...at, 'region'])];
  }
  const names = knownNames(terms, effectiveFrom);
  const unknown = (name: string): Text => {
    const meant = [...names].find((known) => comparable(known) === comparable(name));
    const fix = meant ? text('policy.fix.writeName', { name: meant }) : text('policy.fix.holidaysAre', { names: [...names].join(', ') });
    return text('policy.unknownHolidayName', { name, country: terms.country, fix });
  };
  const problems: Problem[] = [];
  (terms.include ?? []).forEach((entry, index) => {
    if (!names.has(entry.name)) problems.push(problem('UNKNOWN_HOLIDAY_NAME', unknown(entry.name), [...at, 'include', index, 'name']));
    if (entry.openingHours) problems.push(...checkDayHours(entry.openingHours, [...at, 'include', index, 'openingHours']));
  });
  (terms.exclude ?? []).forEach((entry, index) => {
    const isDate = /^\d{4}-\d{2}-\d{2}$/.test(entry);
    if (isDate && !isCalendarDate(entry)) problems.push(problem('INVALID_DATE', text('policy.invalidDate', { value: JSON.stringify(entry) }), [...at, 'exclude', index]));
    if (!isDate && !names.has(entry)) problems.push(problem('UNKNOWN_HOLIDAY_NAME', unknown(entry), [...at, 'exclude', index]));
  });
  return problems;
}

/** Recurring public holidays: a country and region the source knows, and names it has. */
export const checkPublicHolidays: PolicyCheck = (policy) =>
  Object.entries(policy.calendars).flatMap(([name, calendar]) => checkCalendar(calendar, policy.effectiveFrom, ['calendars', name, 'publicHolidays']));
