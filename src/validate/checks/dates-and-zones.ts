import { problem } from '../../errors/problem.js';
import type { Problem } from '../../errors/problem.js';
import { isCalendarDate, isTimeZone, readDuration, readTargetMinutes } from '../../model/values.js';
import type { PolicyCheck } from './check.js';

export const checkDatesAndZones: PolicyCheck = (policy) => {
  const problems: Problem[] = [];
  const date = (text: string, path: (string | number)[]): void => {
    if (!isCalendarDate(text)) problems.push(problem('INVALID_DATE', `${JSON.stringify(text)} is not a date in the calendar`, path));
  };
  const zone = (name: string, path: (string | number)[]): void => {
    if (!isTimeZone(name)) problems.push(problem('INVALID_TIME_ZONE', `${JSON.stringify(name)} is not a known time zone; use a name such as UTC or Europe/Paris`, path));
  };
  const duration = (text: string, path: (string | number)[]): void => {
    if (!readDuration(text)) problems.push(problem('INVALID_DURATION', `${JSON.stringify(text)} is not a duration; write for example P7D (7 days) or P1M (1 month)`, path));
  };

  date(policy.effectiveFrom, ['effectiveFrom']);
  zone(policy.period.timeZone, ['period', 'timeZone']);
  duration(policy.maintenance.noticePeriod, ['maintenance', 'noticePeriod']);
  duration(policy.claim.opensAfterPeriodEnd, ['claim', 'opensAfterPeriodEnd']);
  duration(policy.claim.windowLength, ['claim', 'windowLength']);
  if (readDuration(policy.claim.windowLength)?.as('milliseconds') === 0) {
    problems.push(problem('INVALID_DURATION', 'the claim window must stay open for some time', ['claim', 'windowLength']));
  }
  for (const [name, calendar] of Object.entries(policy.calendars)) {
    zone(calendar.timeZone, ['calendars', name, 'timeZone']);
    (calendar.holidays ?? []).forEach((holiday, index) => date(holiday.date, ['calendars', name, 'holidays', index, 'date']));
  }
  for (const [name, priority] of Object.entries(policy.support.priorities)) {
    for (const kind of ['action', 'response'] as const) {
      if (readTargetMinutes(priority[kind].within) === null) {
        const written = priority[kind].within;
        // P30M is 30 months: a target of minutes or hours needs the T.
        const fix = /^P\d+[HM]$/i.test(written) ? `write PT${written.slice(1).toUpperCase()}` : 'write for example PT15M, PT4H or PT1H30M';
        problems.push(problem('INVALID_DURATION', `${JSON.stringify(written)} is not a target in hours and minutes; ${fix}`, ['support', 'priorities', name, kind, 'within']));
      }
    }
  }
  return problems;
};
