import { problem } from '../../errors/problem.js';
import type { JsonPath, Problem } from '../../errors/problem.js';
import { readMinuteRange, weekdays } from '../../model/values.js';
import type { PolicyCheck } from './check.js';
import { text } from '../../messages/text.js';

export function checkDayHours(ranges: readonly string[], path: JsonPath): Problem[] {
  const problems: Problem[] = [];
  const read = ranges.map(readMinuteRange);
  read.forEach((range, index) => {
    if (range.to <= range.from) {
      problems.push(problem('INVALID_OPENING_HOURS', text('policy.openingHoursReversed', { range: ranges[index] ?? '' }), [...path, index]));
    }
    read.slice(0, index).forEach((other, otherIndex) => {
      if (range.from < other.to && other.from < range.to) {
        problems.push(problem('INVALID_OPENING_HOURS', text('policy.openingHoursOverlap', { range: ranges[index] ?? '', other: ranges[otherIndex] ?? '' }), [...path, index]));
      }
    });
  });
  return problems;
}

export const checkCalendars: PolicyCheck = (policy) => {
  const problems: Problem[] = [];
  for (const [name, calendar] of Object.entries(policy.calendars)) {
    const at: JsonPath = ['calendars', name];
    if (calendar.alwaysOpen === true) {
      if (calendar.openingHours !== undefined || (calendar.holidays ?? []).length > 0) {
        problems.push(problem('CALENDAR_ALWAYS_OPEN_WITH_HOURS', text('policy.alwaysOpenWithHours', { name }), [...at, 'alwaysOpen']));
      }
      continue;
    }
    const hours = calendar.openingHours ?? {};
    let open = false;
    for (const day of weekdays) {
      const ranges = hours[day];
      if (!ranges) continue;
      open ||= ranges.length > 0;
      problems.push(...checkDayHours(ranges, [...at, 'openingHours', day]));
    }
    if (!open) {
      problems.push(problem('CALENDAR_NEVER_OPEN', text('policy.calendarNeverOpen', { name }), at, true));
    }
    const seen = new Map<string, number>();
    (calendar.holidays ?? []).forEach((holiday, index) => {
      const first = seen.get(holiday.date);
      if (first !== undefined) {
        problems.push(problem('DUPLICATE_HOLIDAY', text('policy.duplicateHoliday', { date: holiday.date, first: first + 1 }), [...at, 'holidays', index, 'date']));
      }
      seen.set(holiday.date, index);
      if (holiday.openingHours) problems.push(...checkDayHours(holiday.openingHours, [...at, 'holidays', index, 'openingHours']));
    });
  }
  for (const [priority, terms] of Object.entries(policy.support.priorities)) {
    for (const kind of ['action', 'response'] as const) {
      const calendar = terms[kind].calendar;
      if (!Object.hasOwn(policy.calendars, calendar)) {
        problems.push(problem('CALENDAR_UNDEFINED', text('policy.calendarUndefined', { calendar, defined: Object.keys(policy.calendars).join(', ') }), ['support', 'priorities', priority, kind, 'calendar']));
      }
    }
  }
  return problems;
};
