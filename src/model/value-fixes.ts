// What a mistaken value most likely meant, written the way a policy file wants it.
// Errors quote these so that legal reads the fix with their own value in it.
import { Decimal } from 'decimal.js';
import { DateTime } from 'luxon';
import { isCalendarDate } from './values.js';

/** Day-first and other ways people write dates, tried in this order. */
const DATE_FORMATS = ['d.M.yyyy', 'd/M/yyyy', 'd-M-yyyy', 'yyyy/M/d', 'yyyy.M.d', 'yyyyMMdd', 'd MMMM yyyy', 'MMMM d yyyy', 'MMMM d, yyyy', 'd MMM yyyy', 'MMM d yyyy', 'MMM d, yyyy'];

/** "25.06.2027" -> "2027-06-25"; null when no reading gives a real date. */
export function dateFix(value: unknown): string | null {
  const text = String(value).trim();
  for (const format of DATE_FORMATS) {
    const read = DateTime.fromFormat(text, format, { zone: 'UTC', locale: 'en' });
    const iso = read.isValid ? read.toISODate() : null;
    if (iso && isCalendarDate(iso)) return iso;
  }
  return null;
}

/** The number inside "€115", "115,50 EUR", "USD 1 000.00" or 115, as an exact decimal; null when there is none. */
function numberIn(value: unknown): Decimal | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Decimal(String(value));
  if (typeof value !== 'string') return null;
  const digits = value.replace(/[A-Za-z$€£¥₹\s']/g, '');
  const decimal = /^\d+,\d{1,3}$/.test(digits) && !/^\d{1,3},\d{3}$/.test(digits) ? digits.replace(',', '.') : digits.replace(/,/g, '');
  return /^\d+(\.\d+)?$/.test(decimal) ? new Decimal(decimal) : null;
}

/** 115 -> "115.00" (with the currency's decimals), in quotes as the file wants money. */
export function moneyFix(value: unknown, digits: number): string | null {
  const amount = numberIn(value);
  if (!amount) return null;
  return JSON.stringify(amount.decimalPlaces() <= digits ? amount.toFixed(digits) : amount.toString());
}

/** "15%" or "15" -> 15, a plain number as the file wants percentages. */
export function percentFix(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^\s*(\d+(?:[.,]\d+)?)\s*%?\s*$/.exec(value);
  return match?.[1] ? match[1].replace(',', '.') : null;
}

const UNITS: readonly [RegExp, 'Y' | 'M' | 'W' | 'D' | 'h' | 'm'][] = [
  [/^(years?|yrs?|y|år)$/, 'Y'],
  [/^(months?|mon|mo|månad(er)?)$/, 'M'],
  [/^(weeks?|w|veckor|vecka)$/, 'W'],
  [/^(days?|d|dagar|dag)$/, 'D'],
  [/^((working |work )?hours?|hrs?|h|timmar|timme)$/, 'h'],
  [/^(minutes?|mins?|m|minuter|minut)$/, 'm'],
];

/** "30 minutes" -> PT30M, "2h" -> PT2H, "7 days" -> P7D, "pt30m" -> PT30M; null when the words are not a length of time. */
export function durationFix(value: unknown): string | null {
  const text = String(value).trim();
  if (/^p/i.test(text) && /^P(\d+[YMWD])*(T(\d+[HMS])+)?$/.test(text.toUpperCase())) return text.toUpperCase();
  const match = /^(\d+)\s*([a-zåäö ]+?)\.?$/i.exec(text);
  if (!match?.[1] || !match[2]) return null;
  const unit = UNITS.find(([pattern]) => pattern.test(match[2]?.toLowerCase().trim() ?? ''))?.[1];
  if (!unit) return null;
  return unit === 'h' || unit === 'm' ? `PT${match[1]}${unit.toUpperCase()}` : `P${match[1]}${unit}`;
}
