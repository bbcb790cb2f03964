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
        const written = priority[kind].within;
        // P30M is 30 months: a target of minutes or hours needs the T.
        const fix = /^P\d+[HM]$/i.test(written) ? text('policy.fix.writeTarget', { target: `PT${written.slice(1).toUpperCase()}` }) : text('policy.fix.targetExamples');
        problems.push(problem('INVALID_DURATION', text('policy.invalidTarget', { value: JSON.stringify(written), fix }), ['support', 'priorities', name, kind, 'within']));
      }
    }
  }
  return problems;
};
