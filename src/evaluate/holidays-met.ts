import { DateTime } from 'luxon';
import type { CompiledPolicy, CompiledTarget } from '../compile/compiled-policy.js';
import { locales, say } from '../messages/catalog.js';
import type { Language } from '../messages/languages.js';
import { localize } from '../messages/localized.js';
import { isoDateOf, weekdayFromSunday } from '../model/civil-date.js';
import { weekdays } from '../model/values.js';
import { localDay } from '../compile/zone-transitions.js';

/** How each language writes the day of a holiday: "Thu 2026-12-24" in English, "tors 24 december 2026" in Swedish. */
const dayForms: Readonly<Record<Language, string>> = { en: 'ccc yyyy-MM-dd', sv: 'ccc d MMMM yyyy' };

/** Days looked at between a ticket's opening and its due time; a target is hours, so this is far beyond any. */
const MAX_DAYS_LOOKED_AT = 400;

/**
 * The holidays, between the local day a ticket was opened and the day a target
 * falls due, that took working time away: a holiday on a day the weekly hours
 * would have opened. "Thu 2026-12-24 Christmas Eve (closed)".
 */
export function holidaysThatMoved(policy: CompiledPolicy, target: CompiledTarget, openedAt: number, dueAt: number, language: Language): string[] {
  const { calendar } = target;
  if (calendar.alwaysOpen) return [];
  const holidays = policy.holidays.get(calendar.name);
  const weekly = policy.document.calendars[calendar.name]?.openingHours ?? {};
  if (!holidays || holidays.size === 0) return [];
  const found: string[] = [];
  // Local days counted from 1970-01-01: integer steps, no date object per day looked at.
  const [first, last] = [localDay(calendar.timeZone, openedAt), localDay(calendar.timeZone, dueAt)];
  for (let day = first; day <= last && day - first < MAX_DAYS_LOOKED_AT; day++) {
    const date = isoDateOf(day);
    const holiday = holidays.get(date);
    if (!holiday) continue;
    const usualHours = weekly[weekdays[(weekdayFromSunday(day) + 6) % 7] ?? 'monday'] ?? [];
    if (usualHours.length === 0) continue;
    const values = { day: DateTime.fromISO(date, { zone: 'UTC' }).toFormat(dayForms[language], { locale: locales[language] }), name: holiday.name === undefined ? say(language, 'support.holiday.unnamed') : localize(holiday.name, language) };
    const reduced = holiday.openingHours && holiday.openingHours.length > 0;
    found.push(reduced ? say(language, 'support.holiday.reducedHours', { ...values, hours: holiday.openingHours?.join(', ') ?? '' }) : say(language, 'support.holiday.closed', values));
  }
  return found;
}
