import { DateTime } from 'luxon';

/** An RFC 3339 instant (already matched by the request schema) as epoch milliseconds; null when the date does not exist. */
export function parseInstant(text: string): number | null {
  const parsed = DateTime.fromISO(text.toUpperCase(), { setZone: true });
  return parsed.isValid ? parsed.toMillis() : null;
}

/** An instant as RFC 3339 in a time zone, with its offset (Z for UTC). */
export function formatInstant(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}

/** For explanations: "Fri 2026-10-30 16:00 Europe/Stockholm". */
export function describeInstant(ms: number, zone: string): string {
  return `${DateTime.fromMillis(ms, { zone }).toFormat('ccc yyyy-MM-dd HH:mm')} ${zone}`;
}

export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** The calendar month YYYY-MM in a time zone, as [first instant, first instant of the next month). */
export function monthInterval(period: string, zone: string): Interval {
  const [year, month] = period.split('-').map(Number);
  const start = DateTime.fromObject({ year: year ?? 0, month: month ?? 0, day: 1 }, { zone });
  return { start: start.toMillis(), end: start.plus({ months: 1 }).toMillis() };
}
