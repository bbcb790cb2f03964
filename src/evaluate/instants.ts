import { DateTime } from 'luxon';
import { ByteBoundedMemo, ENTRY_OVERHEAD_BYTES, stringBytes } from '../model/byte-bounded-memo.js';
import { DAY_MS, epochDayOf, epochDayOfCivil, isoDateOf, twoDigits, weekdayFromSunday } from '../model/civil-date.js';
import { offsetMinutes } from '../model/zone-offsets.js';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ZERO = 48;
const MINUTE_MS = 60_000;

function daysInMonth(year: number, month: number): number {
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return (DAYS_IN_MONTH[month - 1] ?? 0) + (leap ? 1 : 0);
}

/** The number written by `length` digits of `text` from `from`; -1 when one of them is not a digit. */
function digitsAt(text: string, from: number, length: number): number {
  let value = 0;
  for (let index = from; index < from + length; index++) {
    const digit = text.charCodeAt(index) - ZERO;
    if (!(digit >= 0 && digit <= 9)) return -1; // NaN past the end of the text too
    value = value * 10 + digit;
  }
  return value;
}

/**
 * An RFC 3339 instant (YYYY-MM-DDTHH:MM:SS[.f{1,3}](Z|±HH:MM)) as epoch
 * milliseconds, exactly; null when it is not of that shape, when the date or
 * time does not exist (30 February), or when it is finer than a millisecond,
 * which a decision would otherwise have to cut short (the request schema refuses
 * those first). Decisions read thousands of instants, so the characters are read
 * in place, with no pattern and no Date.
 */
export function parseInstant(text: string): number | null {
  if (text.length < 20 || text[4] !== '-' || text[7] !== '-' || (text[10] !== 'T' && text[10] !== 't') || text[13] !== ':' || text[16] !== ':') return null;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  let at = 19;
  let millis = 0;
  if (text[at] === '.') {
    let digits = 0;
    while (digits < 4 && digitsAt(text, at + 1 + digits, 1) >= 0) digits++;
    if (digits === 0 || digits > 3) return null;
    millis = digitsAt(text, at + 1, digits) * 10 ** (3 - digits);
    at += 1 + digits;
  }
  const sign = text[at];
  let offset = 0;
  if (sign === 'Z' || sign === 'z') {
    if (text.length !== at + 1) return null;
  } else {
    const [offsetHours, offsetMinutes] = [digitsAt(text, at + 1, 2), digitsAt(text, at + 4, 2)];
    if ((sign !== '+' && sign !== '-') || text[at + 3] !== ':' || text.length !== at + 6 || offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) return null;
    offset = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  }
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  return epochDayOfCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offset * MINUTE_MS;
}

/** "00:00" to "23:59", one text per minute of a day, made once. */
const CLOCKS = Array.from({ length: 24 * 60 }, (_, minute) => `${twoDigits(Math.floor(minute / 60))}:${twoDigits(minute % 60)}`);

/** "HH:MM" of a time of day given in milliseconds. */
function clockOf(ofDayMs: number): string {
  return CLOCKS[Math.floor(ofDayMs / MINUTE_MS)] as string;
}

/**
 * An instant as RFC 3339 in a time zone, with its offset (Z for UTC), whole seconds unless it has milliseconds.
 * Written afresh each time, in integer arithmetic: that costs less than looking it up in a memo keyed by zone and instant.
 */
export function formatInstant(ms: number, zone: string): string {
  const offset = offsetMinutes(zone, ms);
  const local = ms + offset * MINUTE_MS;
  const day = epochDayOf(local);
  const ofDay = local - day * DAY_MS;
  const millis = ofDay % 1000;
  const written = `${isoDateOf(day)}T${clockOf(ofDay)}:${twoDigits(Math.floor(ofDay / 1000) % 60)}${millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`}`;
  if (offset === 0) return `${written}Z`;
  const abs = Math.abs(offset);
  return `${written}${offset < 0 ? '-' : '+'}${twoDigits(Math.floor(abs / 60))}:${twoDigits(abs % 60)}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** For explanations: "Fri 2026-10-30 16:00 Europe/Oslo", or without the zone where the sentence names it. */
export function describeInstant(ms: number, zone: string, withZone = true): string {
  const local = ms + offsetMinutes(zone, ms) * MINUTE_MS;
  const day = epochDayOf(local);
  const written = `${WEEKDAYS[weekdayFromSunday(day)]} ${isoDateOf(day)} ${clockOf(local - day * DAY_MS)}`;
  return withZone ? `${written} ${zone}` : written;
}

export interface Interval {
  readonly start: number;
  readonly end: number;
}

const months = new ByteBoundedMemo<string, Interval>(1024 * 1024, (_, key) => stringBytes(key) + 16 + 2 * ENTRY_OVERHEAD_BYTES);

/** The calendar month YYYY-MM in a time zone, as [first instant, first instant of the next month). */
export function monthInterval(period: string, zone: string): Interval {
  return months.getOrCompute(`${zone}|${period}`, () => {
    const [year, month] = period.split('-').map(Number);
    const start = DateTime.fromObject({ year: year ?? 0, month: month ?? 0, day: 1 }, { zone });
    return { start: start.toMillis(), end: start.plus({ months: 1 }).toMillis() };
  });
}
