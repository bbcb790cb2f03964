import { DateTime } from 'luxon';
import { ByteBoundedMemo, ENTRY_OVERHEAD_BYTES, stringBytes } from '../model/byte-bounded-memo.js';
import { offsetMinutes } from '../model/zone-offsets.js';

/** The shape of an RFC 3339 instant with its offset; the fields sit at fixed places. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return (DAYS_IN_MONTH[month - 1] ?? 0) + (leap ? 1 : 0);
}

/**
 * An RFC 3339 instant as epoch milliseconds, exactly; null when the date or time
 * does not exist (30 February) or is finer than a millisecond, which a decision
 * would otherwise have to cut short (the request schema refuses those first).
 * Decisions read thousands of instants, so the fields are read in place.
 */
export function parseInstant(text: string): number | null {
  if (!RFC3339.test(text)) return null;
  const number = (from: number, length: number): number => {
    let value = 0;
    for (let index = from; index < from + length; index++) value = value * 10 + text.charCodeAt(index) - 48;
    return value;
  };
  const [year, month, day, hour, minute, second] = [number(0, 4), number(5, 2), number(8, 2), number(11, 2), number(14, 2), number(17, 2)];
  let at = 19;
  let millis = 0;
  if (text[at] === '.') {
    const digits = /^\.(\d+)/.exec(text.slice(at))?.[1] ?? '';
    millis = number(at + 1, digits.length) * 10 ** (3 - digits.length);
    at += 1 + digits.length;
  }
  const zulu = text[at] === 'Z' || text[at] === 'z';
  const offsetHours = zulu ? 0 : number(at + 1, 2);
  const offsetMinutesPart = zulu ? 0 : number(at + 4, 2);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutesPart > 59) return null;
  const offset = (text[at] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutesPart);
  // Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear takes them as written.
  const utc = year >= 100 ? Date.UTC(year, month - 1, day, hour, minute, second, millis) : new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis)).setUTCFullYear(year);
  return utc - offset * 60_000;
}

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** Wall-clock fields of an instant shifted by an offset (Date's UTC getters do the calendar). */
function wallClock(ms: number, offset: number) {
  const local = new Date(ms + offset * 60_000);
  const date = `${String(local.getUTCFullYear()).padStart(4, '0')}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`;
  return { local, date, time: `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}` };
}

/** Boundaries (a period's start and end, a claim window) recur in decision after decision. */
const formatted = new ByteBoundedMemo<string, string>(1024 * 1024, (text, key) => stringBytes(text) + stringBytes(key) + ENTRY_OVERHEAD_BYTES);

/** An instant as RFC 3339 in a time zone, with its offset (Z for UTC), whole seconds unless it has milliseconds. */
export function formatInstant(ms: number, zone: string): string {
  return formatted.getOrCompute(`${zone}|${ms}`, () => formatInZone(ms, zone));
}

function formatInZone(ms: number, zone: string): string {
  const offset = offsetMinutes(zone, ms);
  const { local, date, time } = wallClock(ms, offset);
  const millis = local.getUTCMilliseconds();
  const seconds = `${time}:${two(local.getUTCSeconds())}${millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`}`;
  if (offset === 0) return `${date}T${seconds}Z`;
  const abs = Math.abs(offset);
  return `${date}T${seconds}${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** For explanations: "Fri 2026-10-30 16:00 Europe/Oslo". */
export function describeInstant(ms: number, zone: string): string {
  const { local, date, time } = wallClock(ms, offsetMinutes(zone, ms));
  return `${WEEKDAYS[local.getUTCDay()]} ${date} ${time} ${zone}`;
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
