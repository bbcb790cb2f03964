import { DateTime } from 'luxon';
import type { CalendarDocument } from '../model/policy-document.js';
import { readMinuteRange, weekdays } from '../model/values.js';
import type { MinuteRange } from '../model/values.js';

const MINUTE_MS = 60_000;
/**
 * A safety net: validation guarantees weekly hours, so working time is always
 * found within the listed holidays plus a week; searching further is a bug.
 */
const MAX_DAYS_SEARCHED = 366 * 5;
/** Day schedules are cached by date; the cache is dropped whole when it grows past this. */
const MAX_CACHED_DAYS = 4096;

/** A calendar that counts working time: 24/7, or weekly hours with holidays, in its own time zone. */
export interface WorkCalendar {
  readonly name: string;
  readonly timeZone: string;
  readonly alwaysOpen: boolean;
  /** The instant `minutes` working minutes after `startMs`; time before the next opening does not count. */
  addWorkingMinutes(startMs: number, minutes: number): number;
  /** Working milliseconds in [fromMs, toMs); zero when toMs is not after fromMs. */
  workingMsBetween(fromMs: number, toMs: number): number;
}

type Span = readonly [startMs: number, endMs: number];

export function compileWorkCalendar(name: string, document: CalendarDocument): WorkCalendar {
  const { timeZone } = document;
  if (document.alwaysOpen === true) {
    return {
      name,
      timeZone,
      alwaysOpen: true,
      addWorkingMinutes: (startMs, minutes) => startMs + minutes * MINUTE_MS,
      workingMsBetween: (fromMs, toMs) => Math.max(0, toMs - fromMs),
    };
  }

  const weekly = weekdays.map((day) => (document.openingHours?.[day] ?? []).map(readMinuteRange));
  const holidays = new Map((document.holidays ?? []).map((holiday) => [holiday.date, (holiday.openingHours ?? []).map(readMinuteRange)]));
  const cache = new Map<string, Span[]>();

  /** The working spans of one local day, as absolute instants (correct across DST changes). */
  const spansOf = (day: DateTime): Span[] => {
    const key = day.toISODate() ?? '';
    const cached = cache.get(key);
    if (cached) return cached;
    const ranges: MinuteRange[] = holidays.get(key) ?? weekly[day.weekday - 1] ?? [];
    const spans = ranges
      .map((range): Span => [localMinute(day, range.from), localMinute(day, range.to)])
      .sort((a, b) => a[0] - b[0]);
    if (cache.size >= MAX_CACHED_DAYS) cache.clear();
    cache.set(key, spans);
    return spans;
  };

  /** Calls `visit` with each working span that ends after `fromMs`, in order, until it returns true. */
  const walk = (fromMs: number, visit: (span: Span) => boolean): void => {
    let day = DateTime.fromMillis(fromMs, { zone: timeZone }).startOf('day');
    for (let searched = 0; searched < MAX_DAYS_SEARCHED; searched++, day = day.plus({ days: 1 }).startOf('day')) {
      for (const span of spansOf(day)) {
        if (span[1] > fromMs && visit(span)) return;
      }
    }
    throw new RangeError(`calendar "${name}" has no working time within ${MAX_DAYS_SEARCHED} days of ${new Date(fromMs).toISOString()}`);
  };

  return {
    name,
    timeZone,
    alwaysOpen: false,
    addWorkingMinutes(startMs, minutes) {
      let remaining = minutes * MINUTE_MS;
      if (remaining <= 0) return startMs;
      let due = startMs;
      walk(startMs, ([spanStart, spanEnd]) => {
        const from = Math.max(spanStart, startMs);
        const available = spanEnd - from;
        if (available >= remaining) {
          due = from + remaining;
          return true;
        }
        remaining -= available;
        return false;
      });
      return due;
    },
    workingMsBetween(fromMs, toMs) {
      let total = 0;
      if (toMs <= fromMs) return 0;
      walk(fromMs, ([spanStart, spanEnd]) => {
        if (spanStart >= toMs) return true;
        total += Math.min(spanEnd, toMs) - Math.max(spanStart, fromMs);
        return spanEnd >= toMs;
      });
      return total;
    },
  };
}

/** A wall-clock time of a local day as an instant (not midnight plus minutes, which DST days would shift); 24:00 is the next midnight. */
function localMinute(day: DateTime, minutes: number): number {
  if (minutes === 24 * 60) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
}
