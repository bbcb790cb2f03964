import { IANAZone } from 'luxon';
import { LRUCache } from 'lru-cache';

/**
 * A time zone's UTC offset at an instant, as luxon computes it from the IANA
 * database, remembered per quarter hour: luxon asks Intl each time (about 15 µs),
 * and every offset change since 1970 falls on a quarter hour of UTC.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
const MAX_REMEMBERED = 200_000;
const zones = new Map<string, { zone: IANAZone; offsets: LRUCache<number, number> }>();

export function offsetMinutes(zone: string, ms: number): number {
  let known = zones.get(zone);
  if (!known) {
    // lru-cache: asked several times per decision, a hit must not re-insert into a map of 200,000.
    known = { zone: IANAZone.create(zone), offsets: new LRUCache({ max: MAX_REMEMBERED }) };
    zones.set(zone, known);
  }
  const { zone: iana, offsets } = known;
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  let offset = offsets.get(quarter);
  if (offset === undefined) {
    offset = iana.offset(ms);
    offsets.set(quarter, offset);
  }
  return offset;
}
