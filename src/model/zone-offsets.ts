import { IANAZone } from 'luxon';
import { BoundedCache } from './bounded-cache.js';

/**
 * A time zone's UTC offset at an instant, as luxon computes it from the IANA
 * database, remembered per quarter hour: luxon asks Intl each time (about 15 µs),
 * and every offset change since 1970 falls on a quarter hour of UTC.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
const MAX_REMEMBERED = 200_000;
const zones = new Map<string, { zone: IANAZone; offsets: BoundedCache<number, number> }>();

export function offsetMinutes(zone: string, ms: number): number {
  let known = zones.get(zone);
  if (!known) {
    known = { zone: IANAZone.create(zone), offsets: new BoundedCache(MAX_REMEMBERED) };
    zones.set(zone, known);
  }
  const { zone: iana, offsets } = known;
  return offsets.getOrCompute(Math.floor(ms / QUARTER_HOUR_MS), () => iana.offset(ms));
}
