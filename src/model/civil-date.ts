/**
 * Calendar dates of days counted from 1970-01-01, for years 1 to 9999, in integer arithmetic (Howard
 * Hinnant's civil_from_days, proleptic Gregorian): decisions write and compare
 * thousands of dates, and a Date object per date costs more than the date.
 */
export const DAY_MS = 86_400_000;

const DAYS_PER_ERA = 146_097;
/** Days from 0000-03-01 to 1970-01-01: eras start in March, so a leap day ends its year. */
const EPOCH_SHIFT = 719_468;

/** The year of a day counted from 1970-01-01. */
export function yearOf(epochDay: number): number {
  return Math.floor(packedCivilDate(epochDay) / 10_000);
}

/** The date as one number, year × 10,000 + month × 100 + day: no object for the callers that only write it. */
function packedCivilDate(epochDay: number): number {
  const shifted = epochDay + EPOCH_SHIFT;
  const era = Math.floor(shifted / DAYS_PER_ERA);
  const dayOfEra = shifted - era * DAYS_PER_ERA;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year * 10_000 + month * 100 + (dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1);
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (month 1-12); the inverse of isoDateOf. */
export function epochDayOfCivil(year: number, month: number, day: number): number {
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_ERA + dayOfEra - EPOCH_SHIFT;
}

/** 0 for Sunday to 6 for Saturday (1970-01-01 was a Thursday). */
export function weekdayFromSunday(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : `${n}`));

/** A number from 0 to 99 in two digits ("07"), one of a hundred texts made once. */
export const twoDigits = (n: number): string => TWO_DIGITS[n] ?? String(n).padStart(2, '0');

/**
 * Dates written lately, direct-mapped: day d lives in slot d mod DATE_SLOTS with
 * d stored beside its text, so a date written again (every instant of a month
 * shares some thirty) is two array reads. 4,096 consecutive days (about 11
 * years) never share a slot; a slot holding another day is rewritten.
 */
const DATE_SLOTS = 4096;
const slotDays = new Float64Array(DATE_SLOTS).fill(Number.NaN);
const slotDates: string[] = new Array<string>(DATE_SLOTS).fill('');

/** YYYY-MM-DD, the year in four digits. */
export function isoDateOf(epochDay: number): string {
  const slot = epochDay & (DATE_SLOTS - 1);
  if (slotDays[slot] === epochDay) return slotDates[slot] as string;
  const packed = packedCivilDate(epochDay);
  const year = Math.floor(packed / 10_000);
  const written = `${year < 1000 ? String(year).padStart(4, '0') : year}-${twoDigits(Math.floor(packed / 100) % 100)}-${twoDigits(packed % 100)}`;
  slotDays[slot] = epochDay;
  slotDates[slot] = written;
  return written;
}

/** Days since 1970-01-01 of the day that holds an instant, in UTC. */
export function epochDayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}
