import { DateTime } from 'luxon';
import type { CompiledPolicy, CompiledTarget } from '../compile/compiled-policy.js';
import { weekdays } from '../model/values.js';

/** Days looked at between a ticket's opening and its due time; a target is hours, so this is far beyond any. */
const MAX_DAYS_LOOKED_AT = 400;

/**
 * The holidays, between the local day a ticket was opened and the day a target
 * falls due, that took working time away: a holiday on a day the weekly hours
 * would have opened. "Thu 2026-12-24 Christmas Eve (closed)".
 */
export function holidaysThatMoved(policy: CompiledPolicy, target: CompiledTarget, openedAt: number, dueAt: number): string[] {
  const { calendar } = target;
  if (calendar.alwaysOpen) return [];
  const holidays = policy.holidays.get(calendar.name);
  const weekly = policy.document.calendars[calendar.name]?.openingHours ?? {};
  if (!holidays || holidays.size === 0) return [];
  const found: string[] = [];
  let day = DateTime.fromMillis(openedAt, { zone: calendar.timeZone }).startOf('day');
  const last = DateTime.fromMillis(dueAt, { zone: calendar.timeZone }).startOf('day');
  for (let count = 0; day <= last && count < MAX_DAYS_LOOKED_AT; count++, day = day.plus({ days: 1 })) {
    const holiday = holidays.get(day.toISODate() ?? '');
    const usualHours = weekly[weekdays[day.weekday - 1] ?? 'monday'] ?? [];
    if (!holiday || usualHours.length === 0) continue;
    const hours = holiday.openingHours && holiday.openingHours.length > 0 ? `open ${holiday.openingHours.join(', ')} only` : 'closed';
    found.push(`${day.toFormat('ccc yyyy-MM-dd', { locale: 'en' })} ${holiday.name ?? 'holiday'} (${hours})`);
  }
  return found;
}
