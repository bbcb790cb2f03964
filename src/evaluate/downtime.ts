import type { CompiledPolicy } from '../compile/compiled-policy.js';
import { firstIndex } from '../model/first-index.js';
import type { Incident, MaintenanceWindow } from './facts.js';
import type { Interval } from './instants.js';
import { say } from '../messages/catalog.js';
import type { Language } from '../messages/languages.js';
import { formatsFor } from './text-formats.js';
import { bySpanOrder, overlapPartners } from './overlap-partners.js';
import type { OwnedSpan as Span, Partners } from './overlap-partners.js';

const MINUTE_MS = 60_000;

export interface IncidentOutcome {
  readonly id: string;
  readonly countedMinutes: number;
  readonly notes: string[];
}

export interface Downtime {
  /** Counted downtime over the period, merged, rounded half up to whole minutes. */
  readonly minutes: number;
  readonly incidents: readonly IncidentOutcome[];
}

/** Milliseconds to whole minutes, half up, in integers (no binary fraction decides a minute). */
export function roundToMinutes(ms: number): number {
  return Math.floor((ms + MINUTE_MS / 2) / MINUTE_MS);
}


/** Notes name at most this many other items, then say how many more. */
const NAMED_IN_A_NOTE = 3;

/** The first ids named, of `count` in all (the ids given, unless only the first few are). */
function nameSome(ids: readonly string[], language: Language, count = ids.length): string {
  const named = ids.slice(0, NAMED_IN_A_NOTE).map((id) => `"${id}"`).join(', ');
  return count > NAMED_IN_A_NOTE ? say(language, 'downtime.names.andMore', { named, more: count - NAMED_IN_A_NOTE }) : named;
}

/** Counted downtime of a period: reported, counted causes only, clipped, outside scheduled maintenance, overlaps once. */
export function countDowntime(policy: CompiledPolicy, period: Interval, incidents: readonly Incident[], maintenance: readonly MaintenanceWindow[], language: Language): Downtime {
  const zone = policy.periodZone;
  const formats = formatsFor(language);
  const show = (ms: number): string => formats.instant(ms, zone);
  const notice = formats.duration(policy.document.maintenance.noticePeriod);
  const qualifies = (window: MaintenanceWindow): boolean => window.announcedAt <= policy.latestQualifyingAnnouncement(window.start);
  const scheduled = new WindowIndex(maintenance.filter(qualifies));
  const late = new WindowIndex(maintenance.filter((window) => !qualifies(window)));
  const excused = new DisjointIntervals(scheduled.windows);

  const spans: Span[] = [];
  const outcomes = incidents.map((incident, owner): IncidentOutcome => {
    const notes: string[] = [];
    const counted = countedSpan(policy, incident, period, notes, show, language);
    if (!counted) return { id: incident.id, countedMinutes: 0, notes };
    const excusedMs = excused.overlap(counted);
    if (excusedMs > 0) {
      const inside = scheduled.overlapping(counted);
      const values = { minutes: roundToMinutes(excusedMs), windows: nameSome(inside.map((window) => window.id), language), notice };
      notes.push(
        inside.length === 1 && inside[0]
          ? say(language, 'downtime.note.excusedOneWindow', { ...values, announcedAt: show(inside[0].announcedAt) })
          : say(language, 'downtime.note.excusedWindows', values),
      );
    }
    const lateIds = late.overlapping(counted).filter((window) => {
      const shared = { start: Math.max(window.start, counted.start), end: Math.min(window.end, counted.end) };
      return length(shared) > excused.overlap(shared);
    });
    if (lateIds.length > 0) notes.push(say(language, 'downtime.note.lateMaintenance', { windows: nameSome(lateIds.map((window) => window.id), language), notice }));
    spans.push({ start: counted.start, end: counted.end, owner });
    return { id: incident.id, countedMinutes: roundToMinutes(length(counted) - excusedMs), notes };
  });

  const union = mergeAndNoteOverlaps(spans, outcomes, language);
  return { minutes: roundToMinutes(union.reduce((sum, interval) => sum + length(interval) - excused.overlap(interval), 0)), incidents: outcomes };
}

/** Disjoint, sorted intervals (the union of some), with running totals, so the overlap with any interval takes two binary searches. */
class DisjointIntervals {
  private readonly intervals: { start: number; end: number }[] = [];
  /** Total length of the intervals before each index. */
  private readonly before: number[];

  constructor(sortedByStart: readonly Interval[]) {
    for (const interval of sortedByStart) {
      const last = this.intervals[this.intervals.length - 1];
      if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
      else this.intervals.push({ start: interval.start, end: interval.end });
    }
    let sum = 0;
    this.before = this.intervals.map((interval) => {
      const so = sum;
      sum += length(interval);
      return so;
    });
    this.before.push(sum);
  }

  overlap(interval: Interval): number {
    const first = firstIndex(this.intervals, (known) => known.end > interval.start);
    const pastLast = firstIndex(this.intervals, (known) => known.start >= interval.end);
    if (first >= pastLast) return 0;
    const whole = (this.before[pastLast] ?? 0) - (this.before[first] ?? 0);
    const head = Math.max(0, interval.start - (this.intervals[first]?.start ?? 0));
    const tail = Math.max(0, (this.intervals[pastLast - 1]?.end ?? 0) - interval.end);
    return whole - head - tail;
  }
}

/** Maintenance windows by start, so the ones an interval touches are found by binary search, not by a scan of all. */
class WindowIndex {
  readonly windows: readonly MaintenanceWindow[];
  /** The latest end among the windows up to each index: rises monotonically. */
  private readonly endsSoFar: readonly number[];

  constructor(windows: readonly MaintenanceWindow[]) {
    this.windows = [...windows].sort((a, b) => a.start - b.start);
    let latest = -Infinity;
    this.endsSoFar = this.windows.map((window) => (latest = Math.max(latest, window.end)));
  }

  overlapping(interval: Interval): MaintenanceWindow[] {
    const found: MaintenanceWindow[] = [];
    for (let index = firstIndex(this.endsSoFar, (end) => end > interval.start); index < this.windows.length; index++) {
      const window = this.windows[index] as MaintenanceWindow;
      if (window.start >= interval.end) break;
      if (overlaps(window, interval)) found.push(window);
    }
    return found;
  }
}

/** The part of an incident that may count before maintenance: from its report, within the period. */
export function countedSpan(policy: CompiledPolicy, incident: Incident, period: Interval, notes: string[], show: (ms: number) => string, language: Language): Interval | null {
  if (policy.excludedCauses.has(incident.cause)) {
    notes.push(say(language, 'downtime.note.excludedCause', { cause: incident.cause }));
    return null;
  }
  let start = incident.start;
  if (policy.countFrom === 'report') {
    if (incident.reportedAt === null) {
      notes.push(say(language, 'downtime.note.neverReported'));
      return null;
    }
    if (incident.reportedAt >= incident.end) {
      notes.push(say(language, 'downtime.note.reportedAfterEnd', { reportedAt: show(incident.reportedAt) }));
      return null;
    }
    if (incident.reportedAt > start) {
      start = incident.reportedAt;
      notes.push(say(language, 'downtime.note.countedFromReport', { reportedAt: show(incident.reportedAt) }));
    }
  }
  const clipped = { start: Math.max(start, period.start), end: Math.min(incident.end, period.end) };
  if (clipped.end <= clipped.start) {
    if (incident.end > start) notes.push(say(language, 'downtime.note.outsidePeriod'));
    return null;
  }
  if (clipped.start > start) notes.push(say(language, 'downtime.note.clippedAtStart', { at: show(period.start) }));
  if (clipped.end < incident.end) notes.push(say(language, 'downtime.note.clippedAtEnd', { at: show(period.end) }));
  return clipped;
}

function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

function length(interval: Interval): number {
  return interval.end - interval.start;
}


function isInSpanOrder(spans: readonly Span[]): boolean {
  for (let index = 1; index < spans.length; index++) if (bySpanOrder(spans[index - 1] as Span, spans[index] as Span) > 0) return false;
  return true;
}

/**
 * The union of all spans, as disjoint sorted intervals; each incident that
 * shares time with others is told which (every one of them, counted, the first
 * few named in the request's order).
 */
function mergeAndNoteOverlaps(spans: Span[], outcomes: readonly IncidentOutcome[], language: Language): Interval[] {
  // A sort copies the array it sorts, every time: spans that come in order are left as they are.
  if (!isInSpanOrder(spans)) spans.sort(bySpanOrder);
  const union: Interval[] = [];
  for (let first = 0; first < spans.length; ) {
    const run = { start: (spans[first] as Span).start, end: (spans[first] as Span).end };
    let next = first + 1;
    for (; next < spans.length && (spans[next] as Span).start < run.end; next++) run.end = Math.max(run.end, (spans[next] as Span).end);
    union.push(run);
    // Only spans of one run can share time: the partners are worked out run by run, and a span alone in its run has none.
    if (next - first > 1) noteOverlaps(spans.slice(first, next), outcomes, language);
    first = next;
  }
  return union;
}

function noteOverlaps(spans: readonly Span[], outcomes: readonly IncidentOutcome[], language: Language): void {
  const partners = overlapPartners(spans, NAMED_IN_A_NOTE);
  spans.forEach((span, index) => {
    const { count, lowest } = partners[index] as Partners;
    if (count === 0) return;
    const ids = lowest.map((other) => outcomes[other]?.id ?? '');
    outcomes[span.owner]?.notes.push(say(language, 'downtime.note.overlaps', { incidents: nameSome(ids, language, count) }));
  });
}
