import { IANAZone } from 'luxon';
import { ByteBoundedMemo, ENTRY_OVERHEAD_BYTES } from './byte-bounded-memo.js';

/**
 * A time zone's UTC offset at an instant, as luxon computes it from the IANA
 * database, remembered per quarter hour: luxon asks Intl each time (about 15 µs),
 * and every offset change since 1970 falls on a quarter hour of UTC.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
/** Offsets remembered per zone: a number key and a number value per entry. */
const OFFSETS_BYTES_PER_ZONE = 4 * 1024 * 1024;
const OFFSET_ENTRY_BYTES = 16 + ENTRY_OVERHEAD_BYTES;
const zones = new Map<string, { zone: IANAZone; offsets: ByteBoundedMemo<number, number> }>();

export function offsetMinutes(zone: string, ms: number): number {
  let known = zones.get(zone);
  if (!known) {
    known = { zone: IANAZone.create(zone), offsets: new ByteBoundedMemo<number, number>(OFFSETS_BYTES_PER_ZONE, () => OFFSET_ENTRY_BYTES) };
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
