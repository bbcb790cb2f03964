import { DateTime } from 'luxon';
import type { CalendarDocument } from '../model/policy-document.js';
import { readMinuteRange, weekdays } from '../model/values.js';
import type { MinuteRange } from '../model/values.js';
import { firstIndex } from '../model/first-index.js';

const MINUTE_MS = 60_000;
/**
 * A safety net: validation guarantees weekly hours, so working time is always
 * found within the listed holidays plus a week; searching further is a bug.
 */
const MAX_DAYS_SEARCHED = 366 * 5;
/** How far from the days already computed a query may fall before they are dropped and computed afresh. */
const REMEMBERED_SPAN_MS = 366 * 86_400_000;
const DAY_MS = 86_400_000;

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

  /** The working spans of one local day, as absolute instants (correct across DST changes). */
  const spansOf = (day: DateTime): Span[] => {
    const ranges: MinuteRange[] = holidays.get(day.toISODate() ?? '') ?? weekly[day.weekday - 1] ?? [];
    return ranges.map((range): Span => [localMinute(day, range.from), localMinute(day, range.to)]).sort((a, b) => a[0] - b[0]);
  };

  // The working spans of a run of whole local days [coveredFrom, coveredTo), computed
  // with luxon once and then searched: evaluation asks the same weeks again and again.
  let timeline: Span[] = [];
  let coveredFrom = 0;
  let coveredTo = 0;
  const startOfDay = (ms: number): number => DateTime.fromMillis(ms, { zone: timeZone }).startOf('day').toMillis();
  const nextDay = (dayStart: number): number => DateTime.fromMillis(dayStart, { zone: timeZone }).plus({ days: 1 }).startOf('day').toMillis();
  const extendForward = (days: number): void => {
    for (let day = 0; day < days; day++) {
      timeline.push(...spansOf(DateTime.fromMillis(coveredTo, { zone: timeZone })));
      coveredTo = nextDay(coveredTo);
    }
  };
  const cover = (ms: number): void => {
    const far = ms < coveredFrom - REMEMBERED_SPAN_MS || ms >= coveredTo + REMEMBERED_SPAN_MS || coveredTo - coveredFrom > 10 * REMEMBERED_SPAN_MS;
    if (timeline.length === 0 || far) {
      timeline = [];
      coveredFrom = coveredTo = startOfDay(ms);
    }
    if (ms < coveredFrom) {
      const before: Span[] = [];
      let day = startOfDay(ms);
      const from = day;
      while (day < coveredFrom) {
        before.push(...spansOf(DateTime.fromMillis(day, { zone: timeZone })));
        day = nextDay(day);
      }
      timeline = [...before, ...timeline];
      coveredFrom = from;
    }
    while (ms >= coveredTo) extendForward(1);
  };

  /** Calls `visit` with each working span that ends after `fromMs`, in order, until it returns true. */
  const walk = (fromMs: number, visit: (span: Span) => boolean): void => {
    cover(fromMs);
    let index = firstIndex(timeline, (span) => span[1] > fromMs);
    const limit = coveredTo + MAX_DAYS_SEARCHED * DAY_MS;
    for (;;) {
      for (; index < timeline.length; index++) {
        if (visit(timeline[index] as Span)) return;
      }
      if (coveredTo > limit) break;
      extendForward(31);
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
