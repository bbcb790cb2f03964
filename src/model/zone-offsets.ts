import { IANAZone } from 'luxon';

/**
 * A time zone's UTC offset at an instant, as luxon computes it from the IANA
 * database, remembered per quarter hour: luxon asks Intl each time (about 15 µs),
 * and every offset change since 1970 falls on a quarter hour of UTC.
 *
 * The memo is direct-mapped: quarter q lives in slot q mod SLOTS, with q itself
 * stored beside its offset, so a lookup is two array reads, nothing is allocated,
 * and a zone's memo has a fixed size. A slot holding another quarter is a miss
 * that asks luxon and takes the slot. SLOTS consecutive quarters (about 170 days)
 * never share a slot, so the instants of one month are found after their first use.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
const SLOTS = 16_384;
/** Quarters are whole numbers; NaN marks an empty slot, which no quarter equals. */
const EMPTY = Number.NaN;

interface ZoneOffsets {
  readonly zone: IANAZone;
  /** 16,384 × (8 + 2) bytes: 160 KiB per zone in use. */
  readonly quarters: Float64Array;
  readonly offsets: Int16Array;
}

const zones = new Map<string, ZoneOffsets>();

function offsetsOf(zone: string): ZoneOffsets {
  let known = zones.get(zone);
  if (!known) {
    known = { zone: IANAZone.create(zone), quarters: new Float64Array(SLOTS).fill(EMPTY), offsets: new Int16Array(SLOTS) };
    zones.set(zone, known);
  }
  return known;
}

export function offsetMinutes(zone: string, ms: number): number {
  if (zone === 'UTC') return 0;
  const { zone: iana, quarters, offsets } = offsetsOf(zone);
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  const slot = ((quarter % SLOTS) + SLOTS) % SLOTS;
  if (quarters[slot] === quarter) return offsets[slot] as number;
  const offset = iana.offset(ms);
  quarters[slot] = quarter;
  offsets[slot] = offset;
  return offset;
}
