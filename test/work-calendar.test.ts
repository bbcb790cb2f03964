import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWorkCalendar } from '../src/compile/work-calendar.js';
import type { CalendarDocument } from '../src/model/policy-document.js';

const weekdays = { monday: ['09:00-17:00'], tuesday: ['09:00-17:00'], wednesday: ['09:00-17:00'], thursday: ['09:00-17:00'], friday: ['09:00-17:00'] };
const business = (extra: Partial<CalendarDocument> = {}) => compileWorkCalendar('business', { timeZone: 'Europe/Stockholm', openingHours: weekdays, ...extra });
const at = (text: string) => Date.parse(text);
const due = (calendar: ReturnType<typeof business>, openedAt: string, minutes: number) => new Date(calendar.addWorkingMinutes(at(openedAt), minutes)).toISOString();

describe('business calendar, Mon-Fri 09:00-17:00 Europe/Stockholm', () => {
  const calendar = business();

  it('Friday afternoon to Monday', () => {
    expect(due(calendar, '2026-11-06T15:00:00+01:00', 480)).toBe('2026-11-09T14:00:00.000Z'); // Mon 15:00 CET
  });

  it('across the spring DST weekend (CET to CEST)', () => {
    expect(due(calendar, '2026-03-27T16:00:00+01:00', 480)).toBe('2026-03-30T14:00:00.000Z'); // Mon 16:00 CEST
  });

  it('across the autumn DST weekend (CEST to CET)', () => {
    expect(due(calendar, '2026-10-23T16:00:00+02:00', 480)).toBe('2026-10-26T15:00:00.000Z'); // Mon 16:00 CET
  });

  it('opened on a weekend starts at the next opening', () => {
    expect(due(calendar, '2026-11-07T11:00:00+01:00', 480)).toBe('2026-11-09T16:00:00.000Z'); // Mon 17:00 CET
    expect(due(calendar, '2026-11-07T11:00:00+01:00', 30)).toBe('2026-11-09T08:30:00.000Z'); // Mon 09:30 CET
  });

  it('opened exactly at closing time starts the next working day', () => {
    expect(due(calendar, '2026-11-06T17:00:00+01:00', 60)).toBe('2026-11-09T09:00:00.000Z'); // Mon 10:00 CET
  });

  it('opened before opening on a working day starts at opening', () => {
    expect(due(calendar, '2026-11-04T06:00:00+01:00', 60)).toBe('2026-11-04T09:00:00.000Z'); // Wed 10:00 CET
  });

  it('counts working minutes between instants', () => {
    expect(calendar.workingMsBetween(at('2026-11-06T16:00:00+01:00'), at('2026-11-09T10:00:00+01:00'))).toBe(2 * 3_600_000);
    expect(calendar.workingMsBetween(at('2026-11-09T10:00:00+01:00'), at('2026-11-06T16:00:00+01:00'))).toBe(0);
  });
});

describe('holidays', () => {
  it('skips a whole holiday inside the span', () => {
    const calendar = business({ holidays: [{ date: '2026-12-24', name: 'Christmas Eve' }, { date: '2026-12-25' }] });
    expect(due(calendar, '2026-12-23T16:00:00+01:00', 120)).toBe('2026-12-28T09:00:00.000Z'); // Mon 28th 10:00 CET
  });

  it('a partial holiday is open only its own hours', () => {
    const calendar = business({ holidays: [{ date: '2026-12-30', openingHours: ['09:00-13:00'] }] });
    expect(due(calendar, '2026-12-30T12:00:00+01:00', 120)).toBe('2026-12-31T09:00:00.000Z'); // Thu 31st 10:00 CET
  });

  it('runs across the year end', () => {
    const calendar = business({ holidays: [{ date: '2027-01-01', name: "New Year's Day" }] });
    expect(due(calendar, '2026-12-31T16:00:00+01:00', 120)).toBe('2027-01-04T09:00:00.000Z'); // Mon 4th 10:00 CET
  });
});

describe('intervals ending at midnight', () => {
  const evenings = compileWorkCalendar('evenings', { timeZone: 'Europe/Stockholm', openingHours: { saturday: ['20:00-24:00'], sunday: ['00:00-02:00', '20:00-24:00'] } });

  it('run to midnight and on into the next day', () => {
    expect(due(evenings, '2026-11-07T23:00:00+01:00', 120)).toBe('2026-11-08T00:00:00.000Z'); // Sun 01:00 CET
  });

  it('the spring-forward night: Saturday 20:00 to midnight is 4 hours, Sunday 00:00-02:00 is 2', () => {
    expect(evenings.workingMsBetween(at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe((4 + 2 + 4) * 3_600_000);
  });

  it('a day open 00:00-24:00 has 23 hours on the spring-forward Sunday and 25 on the autumn one', () => {
    const allDaySunday = compileWorkCalendar('sundays', { timeZone: 'Europe/Stockholm', openingHours: { sunday: ['00:00-24:00'] } });
    expect(allDaySunday.workingMsBetween(at('2026-03-28T00:00:00Z'), at('2026-03-31T00:00:00Z'))).toBe(23 * 3_600_000);
    expect(allDaySunday.workingMsBetween(at('2026-10-24T00:00:00Z'), at('2026-10-27T00:00:00Z'))).toBe(25 * 3_600_000);
  });
});

describe('round-the-clock calendar', () => {
  const always = compileWorkCalendar('always', { timeZone: 'UTC', alwaysOpen: true });
  it('adds plain minutes', () => {
    expect(due(always, '2026-10-25T00:30:00Z', 120)).toBe('2026-10-25T02:30:00.000Z');
  });
});

describe('calendar invariants (property tests)', () => {
  const calendar = business({ holidays: [{ date: '2026-12-24' }, { date: '2026-12-31', openingHours: ['09:00-12:00'] }] });
  const instant = fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z') });
  const minutes = fc.integer({ min: 1, max: 5000 });

  it('the due time is never before the opening', () => {
    fc.assert(fc.property(instant, minutes, (openedAt, target) => calendar.addWorkingMinutes(openedAt, target) >= openedAt));
  });

  it('adding a then b working minutes equals adding a + b', () => {
    fc.assert(fc.property(instant, minutes, minutes, (openedAt, a, b) => calendar.addWorkingMinutes(calendar.addWorkingMinutes(openedAt, a), b) === calendar.addWorkingMinutes(openedAt, a + b)));
  });

  it('the working minutes between opening and due equal the target', () => {
    fc.assert(fc.property(instant, minutes, (openedAt, target) => calendar.workingMsBetween(openedAt, calendar.addWorkingMinutes(openedAt, target)) === target * 60_000));
  });
});
