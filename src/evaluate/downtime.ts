import type { CompiledPolicy } from '../compile/compiled-policy.js';
import type { Incident, MaintenanceWindow } from './facts.js';
import { formatInstant } from './instants.js';
import type { Interval } from './instants.js';

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

interface Span {
  readonly start: number;
  readonly end: number;
  readonly owner: number;
}

/** Counted downtime of a period: reported, counted causes only, clipped, outside scheduled maintenance, overlaps once. */
export function countDowntime(policy: CompiledPolicy, period: Interval, incidents: readonly Incident[], maintenance: readonly MaintenanceWindow[]): Downtime {
  const zone = policy.periodZone;
  const show = (ms: number): string => formatInstant(ms, zone);
  const notice = policy.document.maintenance.noticePeriod;
  const qualifies = (window: MaintenanceWindow): boolean => window.announcedAt <= policy.latestQualifyingAnnouncement(window.start);
  const scheduled = maintenance.filter(qualifies);
  const late = maintenance.filter((window) => !qualifies(window));

  const spans: Span[] = [];
  const outcomes = incidents.map((incident, owner): IncidentOutcome => {
    const notes: string[] = [];
    const counted = countedSpan(policy, incident, period, notes, show);
    let pieces: Interval[] = counted ? [counted] : [];
    for (const window of scheduled) {
      if (!pieces.some((piece) => overlaps(piece, window))) continue;
      const before = total(pieces);
      pieces = pieces.flatMap((piece) => subtract(piece, window));
      notes.push(`${roundToMinutes(before - total(pieces))} minute(s) inside scheduled maintenance "${window.id}" (announced ${show(window.announcedAt)}, at least ${notice} ahead) do not count`);
    }
    for (const window of late) {
      if (pieces.some((piece) => overlaps(piece, window))) {
        notes.push(`maintenance "${window.id}" was announced ${show(window.announcedAt)}, less than ${notice} before it started, so downtime inside it counts`);
      }
    }
    for (const piece of pieces) spans.push({ start: piece.start, end: piece.end, owner });
    return { id: incident.id, countedMinutes: roundToMinutes(total(pieces)), notes };
  });

  return { minutes: roundToMinutes(mergeAndNoteOverlaps(spans, outcomes)), incidents: outcomes };
}

/** The part of an incident that may count before maintenance: from its report, within the period. */
function countedSpan(policy: CompiledPolicy, incident: Incident, period: Interval, notes: string[], show: (ms: number) => string): Interval | null {
  if (policy.excludedCauses.has(incident.cause)) {
    notes.push(`cause "${incident.cause}" is excluded by the policy: counts nothing`);
    return null;
  }
  let start = incident.start;
  if (policy.countFrom === 'report') {
    if (incident.reportedAt === null) {
      notes.push('never reported by the customer: counts nothing');
      return null;
    }
    if (incident.reportedAt >= incident.end) {
      notes.push(`reported at ${show(incident.reportedAt)}, after it ended: counts nothing`);
      return null;
    }
    if (incident.reportedAt > start) {
      start = incident.reportedAt;
      notes.push(`counted from the customer's report at ${show(incident.reportedAt)}`);
    }
  }
  const clipped = { start: Math.max(start, period.start), end: Math.min(incident.end, period.end) };
  if (clipped.end <= clipped.start) {
    if (incident.end > start) notes.push('outside the service period: counts nothing');
    return null;
  }
  if (clipped.start > start) notes.push(`clipped at the period start ${show(period.start)}`);
  if (clipped.end < incident.end) notes.push(`clipped at the period end ${show(period.end)}`);
  return clipped;
}

function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

function subtract(piece: Interval, window: Interval): Interval[] {
  if (!overlaps(piece, window)) return [piece];
  return [
    ...(window.start > piece.start ? [{ start: piece.start, end: window.start }] : []),
    ...(window.end < piece.end ? [{ start: window.end, end: piece.end }] : []),
  ];
}

function total(pieces: readonly Interval[]): number {
  return pieces.reduce((sum, piece) => sum + piece.end - piece.start, 0);
}

/** Total length of the union of all spans; each incident that shares time with another is told so. */
function mergeAndNoteOverlaps(spans: Span[], outcomes: readonly IncidentOutcome[]): number {
  spans.sort((a, b) => a.start - b.start || a.end - b.end || a.owner - b.owner);
  const partners = new Map<number, Set<number>>();
  const note = (a: number, b: number): void => {
    if (a === b) return;
    partners.set(a, (partners.get(a) ?? new Set()).add(b));
    partners.set(b, (partners.get(b) ?? new Set()).add(a));
  };
  let sum = 0;
  let runStart = -Infinity;
  let runEnd = -Infinity;
  let runOwner = -1;
  for (const span of spans) {
    if (span.start < runEnd) {
      note(span.owner, runOwner);
      if (span.end > runEnd) {
        runEnd = span.end;
        runOwner = span.owner;
      }
      continue;
    }
    if (runEnd > runStart) sum += runEnd - runStart;
    runStart = span.start;
    runEnd = span.end;
    runOwner = span.owner;
  }
  if (runEnd > runStart) sum += runEnd - runStart;
  for (const [owner, others] of partners) {
    const names = [...others].sort((a, b) => a - b).map((other) => `"${outcomes[other]?.id}"`);
    outcomes[owner]?.notes.push(`overlaps ${names.join(', ')}: time shared with another incident is counted once`);
  }
  return sum;
}
