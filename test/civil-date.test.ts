import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilDate, isoDateOf, weekdayFromSunday } from '../src/model/civil-date.js';
import { formatInstant, parseInstant } from '../src/evaluate/instants.js';

const DAY_MS = 86_400_000;
/** Days from 0001-01-01 to 9999-12-31, counted from 1970-01-01. */
const anyDay = fc.integer({ min: -719_162, max: 2_932_896 });

describe('calendar dates in integer arithmetic', () => {
  it('agree with Date on every day of years 1 to 9999', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const date = new Date(day * DAY_MS);
        expect(civilDate(day)).toEqual({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
        expect(weekdayFromSunday(day)).toBe(date.getUTCDay());
        expect(isoDateOf(day)).toBe(date.toISOString().slice(0, 10));
      }),
      { numRuns: 20_000 },
    );
  });

  it('know the days the Gregorian rules single out', () => {
    const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
    for (const iso of ['1970-01-01', '1969-12-31', '2000-02-29', '2100-02-28', '2100-03-01', '2400-02-29', '2026-12-31', '0001-01-01']) expect(isoDateOf(dayOf(iso))).toBe(iso);
  });
});

describe('instants', () => {
  it('are written back as they were read, in UTC, to the millisecond', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2999, 11, 31) }), (ms) => {
        const written = formatInstant(ms, 'UTC');
        expect(parseInstant(written)).toBe(ms);
        expect(written).toBe(new Date(ms).toISOString().replace('.000Z', 'Z'));
      }),
      { numRuns: 20_000 },
    );
  });
});
