import { ByteBoundedMemo, ENTRY_OVERHEAD_BYTES, stringBytes } from '../model/byte-bounded-memo.js';
import { DAY_MS } from '../model/civil-date.js';
import { offsetMinutes } from '../model/zone-offsets.js';

const MINUTE_MS = 60_000;
/**
 * Offsets are sampled this far apart to find a year's changes; two changes that
 * cancel within fewer days would be missed (none has since 1970: the shortest
 * summer-time suspension, Morocco's during Ramadan, lasted about a month).
 */
const SAMPLE_DAYS = 16;

/** Days since 1970-01-01 of the local date of an instant in a zone. */
export function localDay(zone: string, ms: number): number {
  return Math.floor((ms + offsetMinutes(zone, ms) * MINUTE_MS) / DAY_MS);
}

export interface OffsetChange {
  /** The first instant (to the minute) with the new offset. */
  readonly at: number;
  readonly beforeMinutes: number;
  readonly afterMinutes: number;
}

/**
 * The zone's offset changes (DST) from two days before a UTC year to two days
 * after it, to the minute: offsets sampled every few days, then a binary search
 * between two samples that differ. Offsets come from the IANA database through
 * Intl, asked directly: luxon asks the same, three times slower, and a span of
 * centuries asks for thousands.
 */
export function offsetChanges(zone: string, year: number): readonly OffsetChange[] {
  return changesByYear.getOrCompute(`${zone}|${year}`, () => findOffsetChanges(zone, year));
}

/**
 * Finds the offset changes of the years [fromYear, toYear] ahead of need, a few
 * years per turn of the event loop so requests go on meanwhile: the first request
 * that spans centuries then finds them known.
 */
export async function findOffsetChangesAhead(zone: string, fromYear: number, toYear: number): Promise<void> {
  for (let year = fromYear; year <= toYear; year++) {
    offsetChanges(zone, year);
    if (year % 8 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Every calendar in a zone, and every reload of it, shares what was found. */
const changesByYear = new ByteBoundedMemo<string, readonly OffsetChange[]>(2 * 1024 * 1024, (changes, key) => stringBytes(key) + 48 * changes.length + 2 * ENTRY_OVERHEAD_BYTES);

function findOffsetChanges(zone: string, year: number): OffsetChange[] {
  const offset = offsetReader(zone);
  const first = Date.UTC(year, 0, 1) / MINUTE_MS - 2 * 1440;
  const last = Date.UTC(year + 1, 0, 1) / MINUTE_MS + 2 * 1440;
  const changes: OffsetChange[] = [];
  for (let from = first; from < last; from += SAMPLE_DAYS * 1440) {
    let low = from;
    let high = Math.min(from + SAMPLE_DAYS * 1440, last);
    const [before, after] = [offset(low * MINUTE_MS), offset(high * MINUTE_MS)];
    if (before === after) continue;
    while (high - low > 1) {
      const middle = low + Math.floor((high - low) / 2);
      if (offset(middle * MINUTE_MS) === before) low = middle;
      else high = middle;
    }
    changes.push({ at: high * MINUTE_MS, beforeMinutes: before, afterMinutes: after });
  }
  return changes;
}

const readers = new Map<string, (ms: number) => number>();

/** The UTC offset in minutes at an instant, read from Intl's "GMT+01:00" form. */
function offsetReader(zone: string): (ms: number) => number {
  let reader = readers.get(zone);
  if (!reader) {
    const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    reader = (ms: number): number => {
      const match = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(format.format(ms));
      if (!match?.[1]) return 0;
      return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
    };
    readers.set(zone, reader);
  }
  return reader;
}
