import { DateTime } from 'luxon';
import { offsetMinutes } from '../model/zone-offsets.js';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return (DAYS_IN_MONTH[month - 1] ?? 0) + (leap ? 1 : 0);
}

/**
 * An RFC 3339 instant as epoch milliseconds (digits below a millisecond are
 * dropped); null when the date or time does not exist, e.g. 30 February.
 */
export function parseInstant(text: string): number | null {
  const match = RFC3339.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = [match[1], match[2], match[3], match[4], match[5], match[6]].map(Number) as [number, number, number, number, number, number];
  const offsetHours = Number(match[9] ?? 0);
  const offsetMinutesPart = Number(match[10] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutesPart > 59) return null;
  const fraction = match[7] === undefined ? 0 : Math.floor(Number(`0${match[7]}`) * 1000);
  const offset = (match[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutesPart);
  return Date.UTC(year, month - 1, day, hour, minute, second, fraction) - offset * 60_000;
}

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** Wall-clock fields of an instant shifted by an offset (Date's UTC getters do the calendar). */
function wallClock(ms: number, offset: number) {
  const local = new Date(ms + offset * 60_000);
  const date = `${String(local.getUTCFullYear()).padStart(4, '0')}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`;
  return { local, date, time: `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}` };
}

/** An instant as RFC 3339 in a time zone, with its offset (Z for UTC), whole seconds unless it has milliseconds. */
export function formatInstant(ms: number, zone: string): string {
  const offset = offsetMinutes(zone, ms);
  const { local, date, time } = wallClock(ms, offset);
  const millis = local.getUTCMilliseconds();
  const seconds = `${time}:${two(local.getUTCSeconds())}${millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`}`;
  if (offset === 0) return `${date}T${seconds}Z`;
  const abs = Math.abs(offset);
  return `${date}T${seconds}${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** For explanations: "Fri 2026-10-30 16:00 Europe/Stockholm". */
export function describeInstant(ms: number, zone: string): string {
  const { local, date, time } = wallClock(ms, offsetMinutes(zone, ms));
  return `${WEEKDAYS[local.getUTCDay()]} ${date} ${time} ${zone}`;
}

export interface Interval {
  readonly start: number;
  readonly end: number;
}

const MAX_REMEMBERED_MONTHS = 10_000;
const months = new Map<string, Interval>();

/** The calendar month YYYY-MM in a time zone, as [first instant, first instant of the next month). */
export function monthInterval(period: string, zone: string): Interval {
  const key = `${zone}|${period}`;
  const known = months.get(key);
  if (known) return known;
  const [year, month] = period.split('-').map(Number);
  const start = DateTime.fromObject({ year: year ?? 0, month: month ?? 0, day: 1 }, { zone });
  const interval = { start: start.toMillis(), end: start.plus({ months: 1 }).toMillis() };
  if (months.size >= MAX_REMEMBERED_MONTHS) months.clear();
  months.set(key, interval);
  return interval;
}
