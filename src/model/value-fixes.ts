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

/** A currency written before or after an amount: a symbol or a three-letter code. */
const CURRENCY_BEFORE = /^([A-Za-z]{3}|[$€£¥₹])\s*/;
const CURRENCY_AFTER = /\s*([A-Za-z]{3}|[$€£¥₹])$/;

/**
 * The number inside "€115", "115,50 EUR", "USD 1,250.00", "1.234,50", "1 000" or 115,
 * as an exact decimal; null when there is none, or when the text could mean more
 * than one number ("1e3"). With both marks, the last is the decimal mark and the
 * other groups thousands; a lone comma is a decimal mark unless it groups thousands.
 */
function numberIn(value: unknown): Decimal | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Decimal(String(value));
  if (typeof value !== 'string') return null;
  const bare = value.trim().replace(CURRENCY_BEFORE, '').replace(CURRENCY_AFTER, '').replace(/[\s']/g, '');
  if (!/^\d([\d.,]*\d)?$/.test(bare)) return null;
  const marks = bare.replace(/\d/g, '');
  let decimalMark: string | undefined;
  if (marks.includes('.') && marks.includes(',')) decimalMark = marks[marks.length - 1];
  else if (marks === ',') decimalMark = /^\d{1,3},\d{3}$/.test(bare) ? undefined : ',';
  else if (marks === '.') decimalMark = '.';
  const at = decimalMark === undefined ? bare.length : bare.lastIndexOf(decimalMark);
  const [whole, fraction] = [bare.slice(0, at), bare.slice(at + 1)];
  if (!/^\d*$/.test(fraction) || !(/^\d+$/.test(whole) || /^\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(whole))) return null;
  return new Decimal(`${whole.replace(/[.,]/g, '')}${fraction ? `.${fraction}` : ''}`);
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
