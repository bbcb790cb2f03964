import fc from 'fast-check';
import { DateTime } from 'luxon';
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

  it('adding a then b working minutes equals adding a + b', () => {
    fc.assert(fc.property(instant, minutes, minutes, (openedAt, a, b) => calendar.addWorkingMinutes(calendar.addWorkingMinutes(openedAt, a), b) === calendar.addWorkingMinutes(openedAt, a + b)));
  });

  it('the working minutes between opening and due equal the target', () => {
    fc.assert(fc.property(instant, minutes, (openedAt, target) => calendar.workingMsBetween(openedAt, calendar.addWorkingMinutes(openedAt, target)) === target * 60_000));
  });

  it('working time over any span, up to centuries, is the sum of its parts', () => {
    const anyInstant = fc.integer({ min: at('1970-01-01T00:00:00Z'), max: at('2999-12-31T00:00:00Z') });
    fc.assert(
      fc.property(fc.tuple(anyInstant, anyInstant, anyInstant), (points) => {
        const [a, b, c] = points.sort((x, y) => x - y) as [number, number, number];
        expect(calendar.workingMsBetween(a, c)).toBe(calendar.workingMsBetween(a, b) + calendar.workingMsBetween(b, c));
      }),
      { numRuns: 60 },
    );
  });
});

/**
 * The oracle: a slow, obviously right count, one local day after another with
 * luxon, each day's hours read afresh (a holiday's instead of its weekday's).
 */
function oracleSpans(document: CalendarDocument, fromMs: number, toMs: number): [number, number][] {
  const spans: [number, number][] = [];
  const names = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
  for (let day = DateTime.fromMillis(fromMs, { zone: document.timeZone }).startOf('day'); day.toMillis() < toMs; day = day.plus({ days: 1 }).startOf('day')) {
    const holiday = document.holidays?.find((entry) => entry.date === day.toISODate());
    const ranges = holiday ? (holiday.openingHours ?? []) : (document.openingHours?.[names[day.weekday - 1]!] ?? []);
    for (const range of ranges) {
      const [from, to] = range.split('-').map((time) => time.split(':').map(Number)) as [[number, number], [number, number]];
      const end = to[0] === 24 ? day.plus({ days: 1 }).startOf('day') : day.set({ hour: to[0], minute: to[1] });
      spans.push([day.set({ hour: from[0], minute: from[1] }).toMillis(), end.toMillis()]);
    }
  }
  return spans;
}

const oracleBetween = (document: CalendarDocument, fromMs: number, toMs: number) =>
  oracleSpans(document, fromMs, toMs).reduce((sum, [start, end]) => sum + Math.max(0, Math.min(end, toMs) - Math.max(start, fromMs)), 0);

describe('against a day-by-day oracle (property tests)', () => {
  const documents: Record<string, CalendarDocument> = {
    'business hours with holidays, Stockholm': { timeZone: 'Europe/Stockholm', openingHours: weekdays, holidays: [{ date: '2026-12-24' }, { date: '2027-03-28', openingHours: ['00:00-24:00'] }, { date: '2026-10-30', openingHours: ['09:00-12:00'] }] },
    'nights and whole weekend days across DST, New York': { timeZone: 'America/New_York', openingHours: { friday: ['22:00-24:00'], saturday: ['00:00-24:00'], sunday: ['00:00-04:00', '20:00-24:00'], monday: ['01:00-03:00'] } },
    'early mornings, Sydney (southern DST)': { timeZone: 'Australia/Sydney', openingHours: { sunday: ['01:30-03:30'], wednesday: ['08:00-12:00', '13:00-17:00'] } },
  };
  const instant = fc.integer({ min: at('2025-06-01T00:00:00Z'), max: at('2028-06-01T00:00:00Z') });

  for (const [name, document] of Object.entries(documents)) {
    const calendar = compileWorkCalendar(name, document);

    it(`${name}: working time between two instants`, () => {
      fc.assert(
        fc.property(instant, fc.integer({ min: 0, max: 400 * 86_400_000 }), (from, length) => {
          expect(calendar.workingMsBetween(from, from + length)).toBe(oracleBetween(document, from, from + length));
        }),
        { numRuns: 40 },
      );
    });

    it(`${name}: the due time is where the oracle's working time reaches the target`, () => {
      fc.assert(
        fc.property(instant, fc.integer({ min: 1, max: 20_000 }), (from, target) => {
          const dueAt = calendar.addWorkingMinutes(from, target);
          expect(oracleBetween(document, from, dueAt)).toBe(target * 60_000);
          // ... and not a moment later than it must be: a minute earlier, less has passed.
          expect(oracleBetween(document, from, dueAt - 60_000)).toBeLessThan(target * 60_000);
        }),
        { numRuns: 40 },
      );
    });
  }
});

describe('old tickets', () => {
  const calendar = business();

  it('counts working time over six years, and over the whole range of accepted instants, without giving up', () => {
    const opened = at('2020-10-05T09:00:00+02:00');
    expect(calendar.workingMsBetween(opened, at('2026-10-05T09:00:00+02:00'))).toBe(oracleBetween({ timeZone: 'Europe/Stockholm', openingHours: weekdays }, opened, at('2026-10-05T09:00:00+02:00')));
    // 1970-01-01 (Thursday) to 2999-12-31 (Tuesday): 53,743 weeks and 2 days of 40 and 8 hours, less the weekdays
    // 1970-01-01 and 01-02 before the first whole week... checked instead as the sum of its parts, in a few large steps.
    const steps = [at('1970-01-01T00:00:00Z'), at('2400-03-01T00:00:00Z'), at('2999-12-31T23:59:59Z')];
    expect(calendar.workingMsBetween(steps[0]!, steps[2]!)).toBe(calendar.workingMsBetween(steps[0]!, steps[1]!) + calendar.workingMsBetween(steps[1]!, steps[2]!));
    expect(calendar.workingMsBetween(steps[0]!, steps[2]!) % (8 * 3_600_000)).toBe(0);
  });

  it('finds a due time after a year of holidays', () => {
    const holidays = Array.from({ length: 366 }, (_, index) => ({ date: new Date(Date.UTC(2027, 0, 1) + index * 86_400_000).toISOString().slice(0, 10) }));
    const closedFor2027 = business({ holidays });
    expect(due(closedFor2027, '2026-12-31T16:00:00+01:00', 120)).toBe('2028-01-03T09:00:00.000Z'); // Mon 2028-01-03 10:00 CET (2028-01-01 is a Saturday)
  });
});
