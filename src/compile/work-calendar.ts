import { DateTime, Info } from 'luxon';
import { ByteBoundedMemo, ENTRY_OVERHEAD_BYTES } from '../model/byte-bounded-memo.js';
import type { CalendarDocument } from '../model/policy-document.js';
import { DAY_MS, isoDateOf, yearOf } from '../model/civil-date.js';
import { countBelow } from '../model/first-index.js';
import { readMinuteRange, weekdays } from '../model/values.js';
import type { MinuteRange } from '../model/values.js';
import { localDay, offsetChanges } from './zone-transitions.js';
import type { OffsetChange } from './zone-transitions.js';

const MINUTE_MS = 60_000;
/** Searching for a due time stops here (validation guarantees weekly hours, so it is never reached). */
const LAST_DAY = Date.UTC(3100, 0, 1) / DAY_MS;
/** The first year whose corrections are kept as running totals: the local day of the first instant a request may send. */
const FIRST_YEAR = 1969;
/** The working spans of recent days, remembered: evaluation asks about the same weeks again and again. */
const DAY_SPANS_BYTES = 512 * 1024;

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
  return new WeeklyCalendar(name, document);
}

/** Days are numbered from 1970-01-01 (a Thursday); weekday 0 is Monday. */
function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

interface YearCorrections {
  readonly days: readonly number[];
  /** Real minus read working milliseconds of each day (an offset change shortened or lengthened its hours). */
  readonly corrections: readonly number[];
  readonly total: number;
}

/**
 * Weekly hours with holidays. Working time over a run of days costs the same for
 * a week or for years: whole weeks at a time, holidays by binary search over
 * running totals, and the days whose hours an offset change (DST) shortens or
 * lengthens found per year and remembered. Only the first and last day of a
 * span are computed hour by hour, with luxon.
 */
class WeeklyCalendar implements WorkCalendar {
  readonly alwaysOpen = false;
  readonly timeZone: string;
  private readonly weekly: readonly (readonly MinuteRange[])[];
  private readonly holidayRanges: ReadonlyMap<string, readonly MinuteRange[]>;
  /** Working milliseconds of each weekday as its hours read, and of a whole week. */
  private readonly readMs: readonly number[];
  private readonly weekMs: number;
  /** Holidays by day, with how much more (or less) working time each has than its weekday, and running totals. */
  private readonly holidayDays: readonly number[];
  private readonly holidayDeltaBefore: readonly number[];
  private readonly changesOffset: boolean;
  private readonly yearCorrections = new Map<number, YearCorrections>();
  /** yearTotalsBefore[i]: the corrections of the years FIRST_YEAR up to, not including, FIRST_YEAR + i. */
  private readonly yearTotalsBefore: number[] = [0];
  private readonly daySpans = new ByteBoundedMemo<number, readonly Span[]>(DAY_SPANS_BYTES, (spans) => 16 * spans.length + 2 * ENTRY_OVERHEAD_BYTES);

  constructor(
    readonly name: string,
    document: CalendarDocument,
  ) {
    this.timeZone = document.timeZone;
    this.weekly = weekdays.map((day) => (document.openingHours?.[day] ?? []).map(readMinuteRange));
    this.holidayRanges = new Map((document.holidays ?? []).map((holiday) => [holiday.date, (holiday.openingHours ?? []).map(readMinuteRange)]));
    this.readMs = this.weekly.map(rangesMs);
    this.weekMs = this.readMs.reduce((sum, ms) => sum + ms, 0);
    this.changesOffset = !Info.normalizeZone(this.timeZone).isUniversal;
    const holidays = [...this.holidayRanges.keys()].map((date) => Date.parse(`${date}T00:00:00Z`) / DAY_MS).sort((a, b) => a - b);
    this.holidayDays = holidays;
    let sum = 0;
    this.holidayDeltaBefore = [0, ...holidays.map((day) => (sum += this.dayMs(day) - (this.readMs[weekdayOf(day)] ?? 0)))];
  }

  addWorkingMinutes(startMs: number, minutes: number): number {
    const wanted = minutes * MINUTE_MS;
    if (wanted <= 0) return startMs;
    const first = localDay(this.timeZone, startMs);
    const onFirstDay = overlap(this.spansOf(first), startMs, Infinity);
    if (onFirstDay >= wanted) return instantAfter(this.spansOf(first), startMs, wanted);
    const needed = wanted - onFirstDay;
    const day = this.dayReaching(first + 1, needed);
    return instantAfter(this.spansOf(day), -Infinity, needed - this.wholeDaysMs(first + 1, day));
  }

  workingMsBetween(fromMs: number, toMs: number): number {
    if (toMs <= fromMs) return 0;
    const first = localDay(this.timeZone, fromMs);
    const last = localDay(this.timeZone, toMs);
    if (first === last) return overlap(this.spansOf(first), fromMs, toMs);
    return overlap(this.spansOf(first), fromMs, Infinity) + this.wholeDaysMs(first + 1, last) + overlap(this.spansOf(last), -Infinity, toMs);
  }

  /** The first day from `from` by whose end `needed` working milliseconds have passed: a doubling, then a binary search. */
  private dayReaching(from: number, needed: number): number {
    let length = 7 * Math.max(1, Math.ceil(needed / Math.max(this.weekMs, 1)));
    while (this.wholeDaysMs(from, from + length) < needed) {
      if (from + length > LAST_DAY) throw new RangeError(`calendar "${this.name}" has no working time left before ${new Date(LAST_DAY * DAY_MS).toISOString()}`);
      length *= 2;
    }
    let low = from;
    let high = from + length - 1;
    while (low < high) {
      const middle = low + Math.floor((high - low) / 2);
      if (this.wholeDaysMs(from, middle + 1) >= needed) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** Working milliseconds of the local days [from, to). */
  private wholeDaysMs(from: number, to: number): number {
    if (to <= from) return 0;
    const days = to - from;
    let ms = Math.floor(days / 7) * this.weekMs;
    for (let index = 0; index < days % 7; index++) ms += this.readMs[weekdayOf(from + index)] ?? 0;
    if (this.holidayDays.length > 0) ms += (this.holidayDeltaBefore[countBelow(this.holidayDays, to)] ?? 0) - (this.holidayDeltaBefore[countBelow(this.holidayDays, from)] ?? 0);
    return ms + this.correctionsBetween(from, to);
  }

  private correctionsBetween(from: number, to: number): number {
    if (!this.changesOffset) return 0;
    const first = yearOf(from);
    const last = yearOf(to - 1);
    if (first === last || first < FIRST_YEAR) {
      let sum = 0;
      for (let year = first; year <= last; year++) sum += this.correctionsWithin(year, from, to);
      return sum;
    }
    return this.correctionsWithin(first, from, to) + this.correctionsBefore(last) - this.correctionsBefore(first + 1) + this.correctionsWithin(last, from, to);
  }

  /** The corrections of one year's days within [from, to). */
  private correctionsWithin(year: number, from: number, to: number): number {
    const { days, corrections } = this.correctionsOf(year);
    let sum = 0;
    // A loop, not forEach: this runs several times per due time, and a callback would be a closure each time.
    for (let index = 0; index < days.length; index++) {
      const day = days[index] as number;
      if (day >= from && day < to) sum += corrections[index] ?? 0;
    }
    return sum;
  }

  /** The corrections of every year from FIRST_YEAR up to `year`, as running totals grown on demand: a span of centuries is two lookups. */
  private correctionsBefore(year: number): number {
    const totals = this.yearTotalsBefore;
    while (totals.length <= year - FIRST_YEAR) totals.push((totals[totals.length - 1] ?? 0) + this.correctionsOf(FIRST_YEAR + totals.length - 1).total);
    return totals[year - FIRST_YEAR] ?? 0;
  }

  /** At most one entry per year asked about, and years are bounded by the instants requests may send. */
  private correctionsOf(year: number): YearCorrections {
    const known = this.yearCorrections.get(year);
    if (known) return known;
    const [firstDay, pastLastDay] = [Date.UTC(year, 0, 1) / DAY_MS, Date.UTC(year + 1, 0, 1) / DAY_MS];
    const corrected = new Map<number, number>();
    for (const change of offsetChanges(this.timeZone, year)) {
      for (const day of this.daysSpanning(change)) {
        if (day < firstDay || day >= pastLastDay || corrected.has(day) || this.holidayRanges.has(isoDateOf(day))) continue; // a holiday's real hours are in its delta
        corrected.set(day, this.dayMs(day) - (this.readMs[weekdayOf(day)] ?? 0));
      }
    }
    const days = [...corrected.keys()].filter((day) => corrected.get(day) !== 0).sort((a, b) => a - b);
    const corrections = days.map((day) => corrected.get(day) ?? 0);
    const found = { days, corrections, total: corrections.reduce((sum, ms) => sum + ms, 0) };
    this.yearCorrections.set(year, found);
    return found;
  }

  /**
   * The local days with working hours that may contain the change: only their
   * hours can last longer or shorter than they read (hours far from the change,
   * such as 09:00-17:00 for a change at night, never do, and cost no luxon call).
   */
  private daysSpanning(change: OffsetChange): number[] {
    const [least, most] = [Math.min(change.beforeMinutes, change.afterMinutes) * 60_000, Math.max(change.beforeMinutes, change.afterMinutes) * 60_000];
    const days: number[] = [];
    for (let day = Math.floor((change.at + least) / DAY_MS) - 1; day <= Math.floor((change.at + most) / DAY_MS) + 1; day++) {
      const ranges = this.holidayRanges.get(isoDateOf(day)) ?? this.weekly[weekdayOf(day)] ?? [];
      const local = day * DAY_MS;
      if (ranges.some((range) => local + range.from * MINUTE_MS - most <= change.at && change.at <= local + range.to * MINUTE_MS - least)) days.push(day);
    }
    return days;
  }

  private dayMs(day: number): number {
    return overlap(this.spansOf(day), -Infinity, Infinity);
  }

  /** The working spans of one local day, as instants (correct across DST changes). Asked about ten times per ticket: a known day costs no closure. */
  private spansOf(day: number): readonly Span[] {
    return this.daySpans.get(day) ?? this.rememberSpansOf(day);
  }

  /** A day's spans from luxon, remembered. */
  private rememberSpansOf(day: number): readonly Span[] {
    const date = isoDateOf(day);
    const start = DateTime.fromISO(date, { zone: this.timeZone });
    const ranges = this.holidayRanges.get(date) ?? this.weekly[weekdayOf(day)] ?? [];
    const spans = ranges.map((range): Span => [localMinute(start, range.from), localMinute(start, range.to)]).sort((a, b) => a[0] - b[0]);
    this.daySpans.set(day, spans);
    return spans;
  }
}

function rangesMs(ranges: readonly MinuteRange[]): number {
  return ranges.reduce((sum, range) => sum + (range.to - range.from) * MINUTE_MS, 0);
}

/** Working milliseconds of the spans within [fromMs, toMs). */
function overlap(spans: readonly Span[], fromMs: number, toMs: number): number {
  let sum = 0;
  for (const [start, end] of spans) sum += Math.max(0, Math.min(end, toMs) - Math.max(start, fromMs));
  return sum;
}

/** The instant `wanted` working milliseconds after `fromMs` within the spans; the end of the last span if they hold less. */
function instantAfter(spans: readonly Span[], fromMs: number, wanted: number): number {
  let left = wanted;
  for (const [start, end] of spans) {
    const from = Math.max(start, fromMs);
    if (end <= from) continue;
    if (end - from >= left) return from + left;
    left -= end - from;
  }
  return spans[spans.length - 1]?.[1] ?? fromMs;
}

/** A wall-clock time of a local day as an instant (not midnight plus minutes, which DST days would shift); 24:00 is the next midnight. */
function localMinute(day: DateTime, minutes: number): number {
  if (minutes === 24 * 60) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
}
