import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochDayOfCivil, isoDateOf, weekdayFromSunday, yearOf } from '../src/model/civil-date.js';
import { formatInstant, parseInstant } from '../src/evaluate/instants.js';

const DAY_MS = 86_400_000;
/** Days from 0001-01-01 to 9999-12-31, counted from 1970-01-01. */
const anyDay = fc.integer({ min: -719_162, max: 2_932_896 });

describe('calendar dates in integer arithmetic', () => {
  it('agree with Date on every day of years 1 to 9999', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const date = new Date(day * DAY_MS);
        expect(yearOf(day)).toBe(date.getUTCFullYear());
        expect(epochDayOfCivil(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())).toBe(day);
        expect(weekdayFromSunday(day)).toBe(date.getUTCDay());
        expect(isoDateOf(day)).toBe(date.toISOString().slice(0, 10));
      }),
      { numRuns: 20_000 },
    );
  });

  it('write a date again from memory, even after days that take its place in memory (4,096 days apart) came between', () => {
    const written = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), fc.integer({ min: -3, max: 3 }), (day, apart) => {
        const other = day + apart * 4096;
        for (const asked of [day, day, other, day, other, other]) expect(isoDateOf(asked)).toBe(written(asked));
      }),
      { numRuns: 5_000 },
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

/** The reader before it read characters in place: a pattern, then Date.UTC. The one in instants.ts must agree with it on every text. */
function parseInstantByPattern(text: string): number | null {
  const shape = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/.exec(text);
  if (!shape) return null;
  const [year, month, day, hour, minute, second] = shape.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const millis = shape[7] ? Number(shape[7].padEnd(3, '0')) : 0;
  const [offsetHours, offsetMinutes] = [Number(shape[10] ?? 0), Number(shape[11] ?? 0)];
  const lastDay = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 1 : 0);
  if (month < 1 || month > 12 || day < 1 || day > lastDay || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const utc = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis)).setUTCFullYear(year);
  return utc - (shape[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
}

describe('reading an instant', () => {
  const digits = (length: number) => fc.stringMatching(new RegExp(`^\\d{${length}}$`));
  const wellShaped = fc
    .tuple(digits(4), digits(2), digits(2), fc.constantFrom('T', 't', ' '), digits(2), digits(2), digits(2), fc.constantFrom('', '.1', '.12', '.123', '.1234', '.'), fc.constantFrom('Z', 'z', '+01:00', '-05:30', '+23:59', '+24:00', '-00:60', '+0100', ''))
    .map(([y, mo, d, t, h, mi, s, f, z]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${f}${z}`);
  const nearlyShaped = fc.tuple(wellShaped, fc.nat(40), fc.constantFrom('', 'x', '-', ':', '0', '9', ' ', '\u0660')).map(([text, at, put]) => text.slice(0, at) + put + text.slice(at + 1));

  it('agrees with a pattern and Date.UTC on every text, well-formed or not', () => {
    fc.assert(
      fc.property(fc.oneof(wellShaped, nearlyShaped, fc.string()), (text) => {
        expect(parseInstant(text)).toBe(parseInstantByPattern(text));
      }),
      { numRuns: 50_000 },
    );
  });

  it('knows leap days, offsets and milliseconds', () => {
    expect(parseInstant('2024-02-29T12:00:00Z')).toBe(Date.UTC(2024, 1, 29, 12));
    expect(parseInstant('2026-02-29T12:00:00Z')).toBeNull();
    expect(parseInstant('2026-10-03T10:05:00.5+02:00')).toBe(Date.UTC(2026, 9, 3, 8, 5, 0, 500));
    expect(parseInstant('2026-10-03T10:05:00.0001Z')).toBeNull();
    expect(parseInstant('0099-01-01T00:00:00Z')).toBe(new Date(Date.UTC(2000, 0, 1)).setUTCFullYear(99));
  });
});
