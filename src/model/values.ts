// Readers for the kinds of value a policy file holds. Validation uses them to
// reject a bad value; compilation uses the same readers, so both agree.
import * as currencyCodes from 'currency-codes';
import { Decimal } from 'decimal.js';
import { DateTime, Duration, IANAZone } from 'luxon';

export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

export function isCalendarDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}

/** An ISO 8601 duration such as P7D or P1M; null when it is not one or is negative. */
export function readDuration(text: string): Duration | null {
  const duration = Duration.fromISO(text);
  if (!duration.isValid) return null;
  return Object.values(duration.toObject()).some((part) => part < 0) ? null : duration;
}

/** A support target: whole minutes, written with hours and minutes only (PT45M, PT8H, PT1H30M). */
export function readTargetMinutes(text: string): number | null {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(text);
  if (!match || (match[1] === undefined && match[2] === undefined)) return null;
  const minutes = Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
  return minutes > 0 && Number.isSafeInteger(minutes) ? minutes : null;
}

/** Opening hours "HH:MM-HH:MM" as minutes since midnight; `to` may be 24:00. */
export interface MinuteRange {
  readonly from: number;
  readonly to: number;
}

export function readMinuteRange(text: string): MinuteRange {
  const [from = '', to = ''] = text.split('-');
  return { from: minutesOfDay(from), to: minutesOfDay(to) };
}

function minutesOfDay(hhmm: string): number {
  const [hours = '0', minutes = '0'] = hhmm.split(':');
  return Number(hours) * 60 + Number(minutes);
}

/**
 * A number from a policy file as an exact decimal. YAML hands numbers over as
 * binary doubles; their shortest round-trip text is the literal legal wrote
 * (for up to 15 significant digits), so no binary rounding reaches a decision.
 */
export function exactDecimal(value: number | string): Decimal {
  return new ExactDecimal(typeof value === 'number' ? String(value) : value);
}

/**
 * Decimals for terms and money. 40 significant digits keep every product of an
 * amount (at most 21 digits) and a percentage (at most 9) exact; a quotient such
 * as uptime = (M - D) * 100 / M is a fraction whose distance from any 6-decimal
 * threshold is at least 1 / (M * 10^6), far above the 40th digit, so every
 * comparison with a term is decided correctly.
 */
export const ExactDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** The most decimals a percentage in a policy may have; more would not be a term a person reads. */
export const MAX_PERCENT_DECIMALS = 6;

/** The ISO 4217 minor-unit digits of a currency, or null when the code is not a currency. */
export function minorUnitDigits(code: string): number | null {
  const entry = currencyCodes.code(code);
  return entry && entry.countries.every((country) => !country.startsWith('Zz')) ? entry.digits : null;
}

export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
