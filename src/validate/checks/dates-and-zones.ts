import { problem } from '../../errors/problem.js';
import type { Problem } from '../../errors/problem.js';
import { isCalendarDate, isTimeZone, readDuration, readTargetMinutes } from '../../model/values.js';
import type { PolicyCheck } from './check.js';
import { text } from '../../messages/text.js';

export const checkDatesAndZones: PolicyCheck = (policy) => {
  const problems: Problem[] = [];
  const date = (value: string, path: (string | number)[]): void => {
    if (!isCalendarDate(value)) problems.push(problem('INVALID_DATE', text('policy.invalidDate', { value: JSON.stringify(value) }), path));
  };
  const zone = (name: string, path: (string | number)[]): void => {
    if (!isTimeZone(name)) problems.push(problem('INVALID_TIME_ZONE', text('policy.invalidTimeZone', { value: JSON.stringify(name) }), path));
  };
  const duration = (value: string, path: (string | number)[]): void => {
    if (!readDuration(value)) problems.push(problem('INVALID_DURATION', text('policy.invalidDuration', { value: JSON.stringify(value) }), path));
  };

  date(policy.effectiveFrom, ['effectiveFrom']);
  zone(policy.period.timeZone, ['period', 'timeZone']);
  duration(policy.maintenance.noticePeriod, ['maintenance', 'noticePeriod']);
  duration(policy.claim.opensAfterPeriodEnd, ['claim', 'opensAfterPeriodEnd']);
  duration(policy.claim.windowLength, ['claim', 'windowLength']);
  if (readDuration(policy.claim.windowLength)?.as('milliseconds') === 0) {
    problems.push(problem('INVALID_DURATION', text('policy.claimWindowEmpty'), ['claim', 'windowLength']));
  }
  for (const [name, calendar] of Object.entries(policy.calendars)) {
    zone(calendar.timeZone, ['calendars', name, 'timeZone']);
    (calendar.holidays ?? []).forEach((holiday, index) => date(holiday.date, ['calendars', name, 'holidays', index, 'date']));
  }
  for (const [name, priority] of Object.entries(policy.support.priorities)) {
    for (const kind of ['action', 'response'] as const) {
      if (readTargetMinutes(priority[kind].within) === null) {
        problems.push(problem('INVALID_DURATION', text('policy.invalidTarget', { value: JSON.stringify(priority[kind].within) }), ['support', 'priorities', name, kind, 'within']));
      }
    }
  }
  return problems;
};
